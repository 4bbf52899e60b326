package dev.rill.kafka.embedded.internal;

/** What a KRaft node does: {@code process.roles} of its server config. */
public enum NodeRole {
    /** Broker and controller in one node: the default one-node cluster. */
    COMBINED("broker,controller"),
    /** Only the KRaft controller quorum, for clusters with separate brokers. */
    CONTROLLER("controller"),
    /** Only a broker; its metadata comes from a separate controller. */
    BROKER("broker");

    private final String processRoles;

    NodeRole(String processRoles) {
        this.processRoles = processRoles;
    }

    public String processRoles() {
        return processRoles;
    }

    public boolean servesClients() {
        return this != CONTROLLER;
    }

    public boolean isController() {
        return this != BROKER;
    }
}
