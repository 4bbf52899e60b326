package dev.rill.mirror.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.mirror.DefaultReplicationPolicy;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;
import org.apache.kafka.connect.mirror.ReplicationPolicy;
import org.junit.jupiter.api.Test;

class TopicSelectionTest {
    private static MirrorConnectorConfig config(String... extra) {
        Map<String, String> props = new java.util.HashMap<>(Map.of("source.cluster.alias", "A",
                "target.cluster.alias", "B", "source.cluster.bootstrap.servers", "a:1",
                "target.cluster.bootstrap.servers", "b:1"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return new MirrorConnectorConfig(props);
    }

    private static TopicSelection selection(MirrorConnectorConfig config) {
        return new TopicSelection(config.topicFilter(), config.replicationPolicy(), config.targetAlias());
    }

    @Test
    void shouldSkipInternalTopicsAndTopicsThatCameFromTheTarget() {
        TopicSelection selection = selection(config());
        assertThat(selection.replicates("test")).isTrue();
        assertThat(selection.replicates("C.test")).as("from a third cluster").isTrue();
        assertThat(selection.replicates("B.test")).as("came from B: a cycle").isFalse();
        assertThat(selection.replicates("C.B.test")).as("passed through B").isFalse();
        assertThat(selection.replicates("heartbeats")).isTrue();
        for (String internal : List.of("__consumer_offsets", "mm2-offset-syncs.B.internal", "A.checkpoints.internal",
                "connect-offsets-internal", "x.replica", "__transaction_state")) {
            assertThat(selection.replicates(internal)).as(internal).isFalse();
        }
    }

    @Test
    void shouldApplyTopicRegexesAndASeparator() {
        MirrorConnectorConfig config = config("topics", "orders.*, payments", "topics.exclude", ".*-test",
                "replication.policy.separator", "_");
        TopicSelection selection = selection(config);
        assertThat(selection.replicates("orders-eu")).isTrue();
        assertThat(selection.replicates("payments")).isTrue();
        assertThat(selection.replicates("payments2")).isFalse();
        assertThat(selection.replicates("orders-test")).isFalse();
        ReplicationPolicy policy = config.replicationPolicy();
        assertThat(policy.formatRemoteTopic("A", "orders")).isEqualTo("A_orders");
        assertThat(selection.replicates("B_orders")).isFalse();
    }

    @Test
    void shouldKeepTopicNamesWithTheIdentityPolicy() {
        MirrorConnectorConfig config = config("replication.policy.class", IdentityReplicationPolicy.class.getName());
        assertThat(config.replicationPolicy().formatRemoteTopic("A", "orders")).isEqualTo("orders");
        assertThat(selection(config).replicates("orders")).isTrue();
        assertThat(config().replicationPolicy()).isInstanceOf(DefaultReplicationPolicy.class);
    }

    @Test
    void shouldFilterGroupsWithMirrorMakersDefaults() {
        RegexFilter groups = config().groupFilter();
        assertThat(groups.test("billing")).isTrue();
        assertThat(groups.test("console-consumer-123")).isFalse();
        assertThat(groups.test("connect-my-sink")).isFalse();
        assertThat(groups.test("__internal")).isFalse();
    }
}
