package dev.rill.kafka.embedded.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Turns a {@link NodeSpec} into the server properties of a KRaft node: the one place they are decided. */
public final class NodeConfigs {

    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private NodeConfigs() {
    }

    public static Properties serverProperties(NodeSpec spec) {
        Properties props = new Properties();
        props.put("node.id", Integer.toString(spec.id()));
        props.put("process.roles", spec.role().processRoles());
        props.put("controller.quorum.voters", spec.quorumVoters());
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        List<String> listeners = new ArrayList<>();
        if (spec.role().servesClients()) {
            listeners.add(CLIENT_LISTENER + "://127.0.0.1:" + spec.clientPort());
            props.put("advertised.listeners", CLIENT_LISTENER + "://" + spec.clientAddress());
            props.put("inter.broker.listener.name", CLIENT_LISTENER);
        }
        if (spec.role().isController()) {
            listeners.add(CONTROLLER_LISTENER + "://127.0.0.1:" + spec.controllerPort());
        }
        props.put("listeners", String.join(",", listeners));
        String dir = spec.directory().toAbsolutePath().toString();
        props.put("log.dirs", dir);
        props.put("metadata.log.dir", dir);

        // Internal topics replicate as widely as the cluster allows, so a 3-broker cluster tolerates a lost broker.
        int replication = Math.min(3, spec.brokerCount());
        int minIsr = Math.min(2, replication);
        props.put("offsets.topic.replication.factor", Integer.toString(replication));
        props.put("transaction.state.log.replication.factor", Integer.toString(replication));
        props.put("transaction.state.log.min.isr", Integer.toString(minIsr));
        props.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        props.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
        props.put("default.replication.factor", "1");
        // A development cluster: fewer coordinator partitions start faster; groups form without the 3 s delay.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner's 128 MiB default buffer is sized for production; 16 MiB compacts dev topics fine.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.put("broker.session.timeout.ms", "6000");
        props.put("broker.heartbeat.interval.ms", "500");
        props.putAll(spec.overrides());
        return props;
    }
}
