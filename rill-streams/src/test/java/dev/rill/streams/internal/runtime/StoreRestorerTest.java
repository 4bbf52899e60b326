package dev.rill.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rill.streams.internal.runtime.StoreRestorer.Part;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StoreRestorerTest {

    private static List<Part> task(String store, int partition, long... records) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < records.length; i++) {
            parts.add(new Part(new TopicPartition(store + i + "-changelog", partition), null, store + i, 0, records[i]));
        }
        return parts;
    }

    private static long records(List<Part> group) {
        return group.stream().mapToLong(Part::records).sum();
    }

    @Test
    void smallRestoresStayOnTheStreamThread() {
        List<List<Part>> groups = StoreRestorer.split(List.of(task("a", 0, 30_000), task("a", 1, 30_000)), 4);
        assertEquals(1, groups.size());
        assertEquals(2, groups.get(0).size());
    }

    @Test
    void tasksSpreadOverThreadsByRecordCountAndStayWhole() {
        List<List<Part>> tasks = List.of(task("s", 0, 400_000, 100_000), task("s", 1, 300_000, 0),
                task("s", 2, 200_000, 50_000), task("s", 3, 150_000, 100_000));
        List<List<Part>> groups = StoreRestorer.split(tasks, 2);
        assertEquals(2, groups.size());
        // largest first into the lightest group: 500k | 300k, then 250k -> second (550k), then 250k -> first (750k)
        List<Long> loads = groups.stream().map(StoreRestorerTest::records).sorted(Comparator.reverseOrder()).toList();
        assertEquals(List.of(750_000L, 550_000L), loads);
        for (List<Part> group : groups) {
            for (List<Part> t : tasks) {
                boolean any = group.stream().anyMatch(t::contains);
                boolean all = group.containsAll(t);
                assertEquals(any, all, "a task's changelog partitions must stay in one group: " + t);
            }
        }
    }

    @Test
    void neverMoreThreadsThanTasksOrTheLimit() {
        assertEquals(1, StoreRestorer.split(List.of(task("x", 0, 5_000_000)), 8).size());
        assertEquals(3, StoreRestorer.split(List.of(task("x", 0, 200_000), task("x", 1, 200_000),
                task("x", 2, 200_000), task("x", 3, 200_000)), 3).size());
        assertEquals(1, StoreRestorer.split(List.of(task("x", 0, 200_000), task("x", 1, 200_000)), 1).size());
    }
}
