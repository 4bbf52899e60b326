package dev.rill.bench.scenarios;

import dev.rill.bench.RecordDigest;
import dev.rill.bench.SideRole;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MirrorScenarioTest {

    @Test
    void shouldBeRegisteredWithMirrorMaker2AsAnchorAndRillMirror() {
        assertThat(Scenarios.all()).extracting(s -> s.id()).contains("mirror").doesNotHaveDuplicates();
        assertThat(new MirrorScenario().sides()).extracting(s -> s.role())
                .containsExactly(SideRole.ANCHOR, SideRole.RILL);
        assertThat(new MirrorScenario().sides()).extracting(s -> s.mainClass())
                .containsExactly("org.apache.kafka.connect.mirror.MirrorMaker", "dev.rill.cli.Main");
    }

    @Test
    void shouldGiveBothSidesReplicationFactorOneForEveryTopicTheyCreate() {
        Properties mm2 = MirrorScenario.mm2Properties("a:9092", "b:9092");

        assertThat(mm2).containsEntry("clusters", "A, B").containsEntry("A.bootstrap.servers", "a:9092")
                .containsEntry("B.bootstrap.servers", "b:9092").containsEntry("A->B.enabled", "true")
                .containsEntry("A->B.topics", MirrorScenario.INPUT_TOPIC)
                .containsEntry("replication.factor", "1")
                .containsEntry("offset-syncs.topic.replication.factor", "1")
                .containsEntry("checkpoints.topic.replication.factor", "1")
                .containsEntry("heartbeats.topic.replication.factor", "1")
                .containsEntry("config.storage.replication.factor", "1")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("status.storage.replication.factor", "1");
        assertThat(mm2).as("tasks.max stays at its default").doesNotContainKey("tasks.max");
    }

    @Test
    void shouldGenerateTheSameInputEveryTimeRoundRobinOverThePartitions() {
        List<Integer> partitions = new ArrayList<>();
        RecordDigest first = new RecordDigest();
        MirrorScenario.forEachRecord(20, (partition, key, value) -> {
            partitions.add(partition);
            first.add(key, value);
            assertThat(value).hasSize(MirrorScenario.VALUE_BYTES);
        });
        RecordDigest second = new RecordDigest();
        MirrorScenario.forEachRecord(20, (partition, key, value) -> second.add(key, value));

        assertThat(first.matches(second)).isTrue();
        assertThat(partitions.subList(0, MirrorScenario.PARTITIONS + 1)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 0);
    }
}
