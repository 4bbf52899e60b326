package dev.rill.mirror.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionAssignmentTest {
    @Test
    void shouldRunOneTaskPerPartitionCappedByTasksMaxAndAtLeastOne() {
        assertThat(MirrorConnectorConfig.sourceTaskCount(3, 8)).isEqualTo(3);
        assertThat(MirrorConnectorConfig.sourceTaskCount(5, 8)).isEqualTo(5);
        assertThat(MirrorConnectorConfig.sourceTaskCount(8, 8)).isEqualTo(8);
        assertThat(MirrorConnectorConfig.sourceTaskCount(100, 8)).isEqualTo(8);
        assertThat(MirrorConnectorConfig.sourceTaskCount(0, 8)).as("no topic yet: one task to find them")
                .isEqualTo(1);
        assertThat(MirrorConnectorConfig.sourceTaskCount(3, 1)).isEqualTo(1);
    }

    @Test
    void shouldGiveEveryTaskOnePartitionWhenThereAreAsManyTasksAsPartitions() {
        Map<String, Integer> counts = Map.of("orders", 3, "payments", 2);
        PartitionAssignment assignment = new PartitionAssignment(counts, 5);
        Map<Integer, Integer> perTask = perTask(assignment, counts);
        assertThat(perTask).hasSize(5).allSatisfy((task, owned) -> assertThat(owned).isEqualTo(1));
    }

    @Test
    void shouldBalanceTheKnownPartitionsWithinOneWhenCapped() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("a", 7);
        counts.put("b", 1);
        counts.put("c", 12);
        counts.put("d", 3);
        PartitionAssignment assignment = new PartitionAssignment(counts, 8);
        Map<Integer, Integer> perTask = perTask(assignment, counts);
        assertThat(perTask).hasSize(8);
        int min = perTask.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = perTask.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        assertThat(perTask.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(23);
    }

    @Test
    void shouldGiveEveryPartitionToExactlyOneTaskAlsoWhenTheConnectorDidNotKnowIt() {
        PartitionAssignment assignment = new PartitionAssignment(Map.of("orders", 2), 3);
        // "orders" grew to 4 partitions and "fresh" appeared after the task configs were made
        for (String topic : new String[] {"orders", "fresh"}) {
            for (int p = 0; p < 4; p++) {
                int owner = assignment.owner(topic, p);
                assertThat(owner).isBetween(0, 2);
                assertThat(assignment.owner(topic, p)).isEqualTo(owner); // every task computes the same
            }
        }
        assertThat(assignment.owner("orders", 3)).isEqualTo(Math.floorMod("orders".hashCode() + 3, 3));
    }

    @Test
    void shouldWriteAndReadThePartitionCountsOfTheTaskConfigs() {
        Map<String, Integer> counts = Map.of("b.topic-1", 3, "a_topic", 12);
        String text = PartitionAssignment.formatCounts(counts);
        assertThat(text).isEqualTo("a_topic:12,b.topic-1:3");
        assertThat(PartitionAssignment.parseCounts(text)).isEqualTo(counts);
        assertThat(PartitionAssignment.parseCounts("")).isEmpty();
        assertThatThrownBy(() -> PartitionAssignment.parseCounts("a:1,b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
        assertThat(MirrorConnectorConfig.taskConfigs(Map.of("k", "v"), 2, counts))
                .extracting(c -> c.get(MirrorConnectorConfig.TASK_PARTITIONS)).containsOnly(text);
    }

    @Test
    void shouldRejectMalformedPartitionCountsInATaskConfig() {
        Map<String, String> props = new HashMap<>(Map.of("source.cluster.alias", "A",
                "source.cluster.bootstrap.servers", "a:1", "target.cluster.bootstrap.servers", "b:1",
                MirrorConnectorConfig.TASK_PARTITIONS, "orders:three"));
        assertThatThrownBy(() -> new MirrorConnectorConfig(props)).hasMessageContaining("orders:three");
    }

    private static Map<Integer, Integer> perTask(PartitionAssignment assignment, Map<String, Integer> counts) {
        Map<Integer, Integer> perTask = new HashMap<>();
        counts.forEach((topic, n) -> {
            for (int p = 0; p < n; p++) {
                perTask.merge(assignment.owner(topic, p), 1, Integer::sum);
            }
        });
        return perTask;
    }
}
