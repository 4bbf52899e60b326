package dev.rill.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorMakerPropertiesTest {
    private static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void shouldTurnAnActiveActiveFileIntoTwoFlowsWithClusterAndFlowSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mm2.properties");
        Files.writeString(file, """
                clusters = A, B
                A.bootstrap.servers = a:9092
                B.bootstrap.servers = b:9092
                B.consumer.max.poll.records = 500
                A->B.enabled = true
                A->B.topics = orders.*, payments
                B->A.enabled = true
                topics.exclude = .*secret.*
                tasks.max = 4
                replication.factor = 1
                A->B.replication.factor = 3
                security.protocol = PLAINTEXT
                """);
        MirrorMakerProperties mm2 = MirrorMakerProperties.load(file);

        assertThat(mm2.clusters()).containsExactly("A", "B");
        assertThat(mm2.flows()).extracting(MirrorFlow::name).containsExactly("A->B", "B->A");
        MirrorFlow ab = mm2.flows().get(0);
        assertThat(ab.sourceConnector())
                .containsEntry("name", "mirror-source-A-to-B")
                .containsEntry("connector.class", RillMirrorSourceConnector.class.getName())
                .containsEntry("source.cluster.alias", "A").containsEntry("target.cluster.alias", "B")
                .containsEntry("source.cluster.bootstrap.servers", "a:9092")
                .containsEntry("target.cluster.bootstrap.servers", "b:9092")
                .containsEntry("target.cluster.consumer.max.poll.records", "500")
                .containsEntry("source.cluster.security.protocol", "PLAINTEXT")
                .containsEntry("topics", "orders.*, payments")
                .containsEntry("topics.exclude", ".*secret.*")
                .containsEntry("tasks.max", "4")
                .containsEntry("replication.factor", "3")
                .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter")
                .doesNotContainKey("enabled").doesNotContainKey("clusters");
        assertThat(ab.checkpointConnector()).containsEntry("name", "mirror-checkpoint-A-to-B")
                .containsEntry("connector.class", RillMirrorCheckpointConnector.class.getName());
        assertThat(ab.heartbeatConnector()).containsEntry("name", "mirror-heartbeat-A-to-B");
        MirrorFlow ba = mm2.flows().get(1);
        assertThat(ba.sourceConnector()).containsEntry("replication.factor", "1")
                .containsEntry("source.cluster.bootstrap.servers", "b:9092")
                .containsEntry("source.cluster.consumer.max.poll.records", "500")
                .doesNotContainKey("topics");
        assertThat(mm2.cluster("B")).containsEntry("bootstrap.servers", "b:9092")
                .containsEntry("security.protocol", "PLAINTEXT");
    }

    @Test
    void shouldCapTheSourceTasksGenerouslyUnlessTasksMaxIsSet() {
        MirrorMakerProperties mm2 = MirrorMakerProperties.parse("test", props("clusters", "A, B, C",
                "A.bootstrap.servers", "a:1", "B.bootstrap.servers", "b:1", "C.bootstrap.servers", "c:1",
                "A->B.enabled", "true", "A->C.enabled", "true", "A->C.tasks.max", "3"));
        MirrorFlow ab = mm2.flows().get(0);
        assertThat(ab.sourceConnector()).containsEntry("tasks.max",
                Integer.toString(MirrorMakerProperties.DEFAULT_SOURCE_TASKS_MAX));
        assertThat(MirrorMakerProperties.DEFAULT_SOURCE_TASKS_MAX).isEqualTo(8);
        assertThat(ab.checkpointConnector()).containsEntry("tasks.max", "1");
        assertThat(ab.heartbeatConnector()).containsEntry("tasks.max", "1");
        MirrorFlow ac = mm2.flows().get(1);
        assertThat(ac.sourceConnector()).containsEntry("tasks.max", "3");
        assertThat(ac.checkpointConnector()).containsEntry("tasks.max", "3");
    }

    @Test
    void shouldCommitTheSourceConnectorsTransactionsPerIntervalUnlessTheFileSaysOtherwise() {
        MirrorMakerProperties mm2 = MirrorMakerProperties.parse("t", props("clusters", "A, B, C",
                "A.bootstrap.servers", "a:1", "B.bootstrap.servers", "b:1", "C.bootstrap.servers", "c:1",
                "A->B.enabled", "true", "A->C.enabled", "true", "A->C.transaction.boundary", "poll"));
        assertThat(mm2.flows().get(0).sourceConnector()).containsEntry("transaction.boundary", "interval")
                .containsEntry("transaction.boundary.interval.ms", "200");
        assertThat(mm2.flows().get(0).checkpointConnector()).doesNotContainKey("transaction.boundary");
        assertThat(mm2.flows().get(1).sourceConnector()).containsEntry("transaction.boundary", "poll");
    }

    @Test
    void shouldRunOnlyEnabledFlows() {
        MirrorMakerProperties mm2 = MirrorMakerProperties.parse("test", props("clusters", "A, B, C",
                "A.bootstrap.servers", "a:1", "B.bootstrap.servers", "b:1",
                "A->B.enabled", "true", "B->A.enabled", "false"));
        assertThat(mm2.flows()).extracting(MirrorFlow::name).containsExactly("A->B");
    }

    @Test
    void shouldListEveryProblemAtOnce() {
        assertThatThrownBy(() -> MirrorMakerProperties.parse("bad.properties", props(
                "clusters", "A, B",
                "A.bootstrap.servers", "a:1",
                "A->B.enabled", "true",
                "A->C.enabled", "true",
                "A->A.enabled", "true",
                "A->B.refresh.topics.interval.seconds", "soon",
                "A->B.replication.policy.class", "com.example.NoSuchPolicy",
                "D.bootstrap.servers", "d:1")))
                .isInstanceOf(MirrorConfigException.class)
                .satisfies(e -> {
                    List<String> problems = ((MirrorConfigException) e).problems();
                    assertThat(problems).hasSize(6);
                    assertThat(problems).anySatisfy(p -> assertThat(p).contains("A->C.enabled", "'C'", "A, B"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).contains("A->A.enabled", "itself"));
                    assertThat(problems).anySatisfy(p -> assertThat(p)
                            .contains("cluster B has no bootstrap.servers", "B.bootstrap.servers"));
                    assertThat(problems).anySatisfy(p -> assertThat(p)
                            .contains("A->B", "refresh.topics.interval.seconds", "soon"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).contains("com.example.NoSuchPolicy"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).contains("D.bootstrap.servers", "'D'"));
                    assertThat(e.getMessage()).contains("bad.properties", "6 problems");
                });
    }

    @Test
    void shouldRejectAFileWithoutClustersOrFlows() {
        assertThatThrownBy(() -> MirrorMakerProperties.parse("empty", props()))
                .isInstanceOf(MirrorConfigException.class).hasMessageContaining("clusters is missing");
        assertThatThrownBy(() -> MirrorMakerProperties.parse("noflow", props("clusters", "A, B",
                "A.bootstrap.servers", "a:1", "B.bootstrap.servers", "b:1")))
                .isInstanceOf(MirrorConfigException.class).hasMessageContaining("no flow is enabled")
                .hasMessageContaining("A->B.enabled = true");
    }

    @Test
    void shouldRejectBadValuesOfFlowSwitchesAndTaskCounts() {
        assertThatThrownBy(() -> MirrorMakerProperties.parse("t", props("clusters", "A, B, A",
                "A.bootstrap.servers", "a:1", "B.bootstrap.servers", "b:1",
                "A->B.enabled", "yes", "B->A.enabled", "true", "tasks.max", "many")))
                .isInstanceOf(MirrorConfigException.class)
                .satisfies(e -> assertThat(((MirrorConfigException) e).problems()).containsExactlyInAnyOrder(
                        "cluster alias 'A' appears twice in clusters = A, B, A",
                        "A->B.enabled = yes is not a boolean; use true or false",
                        "flow B->A: tasks.max = many is not a whole number"));
    }

    @Test
    void shouldGiveEachTargetsWorkerItsSettingsAndKeepThemOutOfTheConnectors() {
        MirrorMakerProperties mm2 = MirrorMakerProperties.parse("t", props("clusters", "A, B",
                "A.bootstrap.servers", "a:1", "B.bootstrap.servers", "b:1",
                "A->B.enabled", "true", "B->A.enabled", "true",
                "exactly.once.source.support", "disabled", "offset.flush.interval.ms", "500",
                "B.group.id", "mirror-into-b", "B.exactly.once.source.support", "enabled"));
        assertThat(mm2.workerSettings("A")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "exactly.once.source.support", "disabled", "offset.flush.interval.ms", "500"));
        assertThat(mm2.workerSettings("B")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "exactly.once.source.support", "enabled", "offset.flush.interval.ms", "500",
                "group.id", "mirror-into-b"));
        for (MirrorFlow flow : mm2.flows()) {
            for (Map<String, String> connector : flow.connectors()) {
                assertThat(connector.keySet()).as(connector.get("name")).noneMatch(k -> k.endsWith("group.id")
                        || k.endsWith("exactly.once.source.support") || k.endsWith("offset.flush.interval.ms"));
            }
        }
    }
}
