package dev.rill.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** A connector given bad settings fails its start with every problem in the message. */
class ConnectorConfigTest {
    @Test
    void shouldListEveryMissingOrInvalidSettingWhenAConnectorStarts() {
        Map<String, String> props = new HashMap<>(Map.of("name", "m", "source.cluster.alias", "A",
                "emit.checkpoints.interval.seconds", "often", "offset-syncs.topic.location", "moon"));
        assertThatThrownBy(() -> new RillMirrorSourceConnector().start(props))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("RillMirrorSourceConnector")
                .hasMessageContaining("source.cluster.bootstrap.servers")
                .hasMessageContaining("target.cluster.bootstrap.servers")
                .hasMessageContaining("often")
                .hasMessageContaining("moon");
    }

    @Test
    void shouldRejectAFlowFromAClusterToItselfAndAPolicyThatIsNotOne() {
        Map<String, String> props = new HashMap<>(Map.of("source.cluster.alias", "A", "target.cluster.alias", "A",
                "source.cluster.bootstrap.servers", "a:1", "target.cluster.bootstrap.servers", "a:1",
                "replication.policy.class", "java.lang.String"));
        assertThatThrownBy(() -> new RillMirrorCheckpointConnector().start(props))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("both 'A'")
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("ReplicationPolicy");
    }

    @Test
    void shouldGiveEachTaskItsIndexAndTheTaskCount() {
        RillMirrorHeartbeatConnector heartbeats = new RillMirrorHeartbeatConnector();
        heartbeats.start(Map.of("source.cluster.alias", "A", "target.cluster.alias", "B",
                "source.cluster.bootstrap.servers", "a:1", "target.cluster.bootstrap.servers", "b:1"));
        assertThat(heartbeats.taskConfigs(4)).as("one heartbeat task is enough").hasSize(1);
        RillMirrorCheckpointConnector checkpoints = new RillMirrorCheckpointConnector();
        checkpoints.start(Map.of("source.cluster.alias", "A", "target.cluster.alias", "B",
                "source.cluster.bootstrap.servers", "a:1", "target.cluster.bootstrap.servers", "b:1"));
        assertThat(checkpoints.taskConfigs(3)).extracting(c -> c.get("rill.mirror.task.index") + "/"
                + c.get("rill.mirror.task.count")).containsExactly("0/3", "1/3", "2/3");
    }

    @Test
    void shouldStartOneSourceTaskWhileTheSourcePartitionsCannotBeCounted() {
        RillMirrorSourceConnector source = new RillMirrorSourceConnector();
        // nothing listens on port 1: the first count of the source partitions does not finish
        source.start(Map.of("source.cluster.alias", "A", "target.cluster.alias", "B",
                "source.cluster.bootstrap.servers", "127.0.0.1:1", "target.cluster.bootstrap.servers", "127.0.0.1:1"));
        try {
            assertThat(source.taskConfigs(3)).extracting(c -> c.get("rill.mirror.task.index") + "/"
                    + c.get("rill.mirror.task.count")).containsExactly("0/1");
        } finally {
            source.stop();
        }
    }
}
