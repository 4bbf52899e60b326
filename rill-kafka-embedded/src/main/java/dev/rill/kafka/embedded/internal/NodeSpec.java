package dev.rill.kafka.embedded.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything needed to start (and restart) one node of an embedded cluster.
 *
 * @param id            {@code node.id}
 * @param role          broker, controller or both
 * @param clientPort    port of the PLAINTEXT listener clients use, or -1 for a pure controller
 * @param controllerPort port of the CONTROLLER listener, or -1 for a pure broker
 * @param directory     the node's log and metadata directory
 * @param clusterId     the KRaft cluster id this node is formatted with
 * @param quorumVoters  {@code controller.quorum.voters}
 * @param brokerCount   brokers in the whole cluster (sizes internal topic replication)
 * @param overrides     user-given server properties that win over the defaults
 */
public record NodeSpec(int id, NodeRole role, int clientPort, int controllerPort, Path directory,
                       String clusterId, String quorumVoters, int brokerCount, Map<String, String> overrides) {

    public NodeSpec {
        overrides = Map.copyOf(overrides);
    }

    public String clientAddress() {
        return "localhost:" + clientPort;
    }
}
