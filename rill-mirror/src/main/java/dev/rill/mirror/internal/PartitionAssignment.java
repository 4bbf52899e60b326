package dev.rill.mirror.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Which source task owns which source partition. The source connector hands every task the replicated topics and
 * their partition counts as it knew them when it made the task configs; each task deals those partitions out the
 * same way: topics in name order, partitions in order, the i-th partition of that sequence to task
 * {@code i mod tasks}. With as many tasks as partitions every task owns exactly one; with fewer, the counts differ
 * by at most one. Partitions the connector did not know yet (a topic created or grown since) go to task
 * {@code floorMod(topic.hashCode() + partition, tasks)}, so the tasks pick them up at once, before the connector
 * deals them out anew.
 */
public final class PartitionAssignment {
    private final int tasks;
    private final Map<String, Integer> counts;
    /** Position in the dealing sequence of each known topic's partition 0. */
    private final Map<String, Integer> firstIndex = new HashMap<>();

    public PartitionAssignment(Map<String, Integer> partitionCounts, int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be at least 1, not " + tasks);
        }
        this.tasks = tasks;
        this.counts = Collections.unmodifiableMap(new TreeMap<>(partitionCounts));
        int index = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            firstIndex.put(e.getKey(), index);
            index += e.getValue();
        }
    }

    /** The index of the task owning partition {@code partition} of {@code topic}. */
    public int owner(String topic, int partition) {
        Integer first = firstIndex.get(topic);
        if (first != null && partition < counts.get(topic)) {
            return Math.floorMod(first + partition, tasks);
        }
        return Math.floorMod(topic.hashCode() + partition, tasks);
    }

    /** {@code topic:count,topic:count} in topic order; Kafka topic names hold neither ':' nor ','. */
    public static String formatCounts(Map<String, Integer> partitionCounts) {
        StringJoiner out = new StringJoiner(",");
        new TreeMap<>(partitionCounts).forEach((topic, count) -> out.add(topic + ":" + count));
        return out.toString();
    }

    /** Reads {@link #formatCounts}'s format; throws IllegalArgumentException naming the bad entry. */
    public static Map<String, Integer> parseCounts(String text) {
        Map<String, Integer> counts = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return counts;
        }
        for (String entry : text.split(",")) {
            int colon = entry.lastIndexOf(':');
            try {
                if (colon <= 0) {
                    throw new NumberFormatException();
                }
                int count = Integer.parseInt(entry.substring(colon + 1).trim());
                if (count < 0) {
                    throw new NumberFormatException();
                }
                counts.put(entry.substring(0, colon).trim(), count);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry + "' is not topic:partitionCount");
            }
        }
        return counts;
    }

    /** The sum of the partition counts. */
    public static int total(Map<String, Integer> partitionCounts) {
        return partitionCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
