package dev.rill.streams.internal.topology;

import dev.rill.streams.errors.TopologyException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves the partition count of every source topic, deriving repartition topics' counts from the topics of the
 * sub-topology that writes them, and checks co-partitioning: all source topics of one sub-topology must have the
 * same number of partitions, because task {@code s_p} reads partition p of each of them.
 */
public final class PartitionCounts {
    private PartitionCounts() {
    }

    /**
     * Returns resolved topic name to partition count for every source topic of every sub-topology.
     *
     * @param externalCounts partition count of a user topic, or null if the topic does not exist
     */
    public static Map<String, Integer> resolve(InternalTopologyBuilder builder, String applicationId,
                                               Function<String, Integer> externalCounts) {
        List<Subtopology> subtopologies = builder.subtopologies();
        Map<String, RepartitionTopicSpec> repartition = builder.repartitionTopics();
        Map<String, Integer> counts = new HashMap<>();
        for (Subtopology s : subtopologies) {
            for (TopicRef t : s.sourceTopics()) {
                if (!t.internal()) {
                    Integer n = externalCounts.apply(t.name());
                    if (n == null) {
                        throw new TopologyException("source topic " + t.name() + " does not exist; create it before "
                                + "starting the application (Rill does not create user topics).");
                    }
                    counts.put(t.name(), n);
                }
            }
        }
        for (RepartitionTopicSpec spec : repartition.values()) {
            if (spec.partitions() != null) {
                counts.put(spec.name(), spec.partitions());
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Subtopology s : subtopologies) {
                Integer known = knownCount(s, counts, repartition, false);
                if (known != null) {
                    progress |= assignReaderPartitioned(s, counts, repartition, known);
                }
            }
            for (Subtopology s : subtopologies) {
                // one known source count is enough: all sources of a sub-topology must be co-partitioned anyway
                // (checked below), and cycles through repartition topics (foreign-key joins) need it
                Integer max = knownCount(s, counts, repartition, true);
                if (max == null) {
                    continue;
                }
                for (TopicRef sink : s.sinkTopics()) {
                    if (sink.internal() && !counts.containsKey(sink.name()) && !likeReader(sink, repartition)) {
                        counts.put(sink.name(), max);
                        progress = true;
                    }
                }
            }
        }
        Map<String, Integer> resolved = new LinkedHashMap<>();
        for (Subtopology s : subtopologies) {
            Map<String, Integer> sourceCounts = new LinkedHashMap<>();
            for (TopicRef t : s.sourceTopics()) {
                Integer n = counts.get(t.name());
                if (n == null) {
                    throw new TopologyException("cannot derive the partition count of repartition topic " + t.name()
                            + "; give it one with Repartitioned.withNumberOfPartitions(...).");
                }
                sourceCounts.put(t.resolve(applicationId), n);
            }
            if (sourceCounts.values().stream().distinct().count() > 1) {
                throw new TopologyException("sub-topology " + s.id() + " reads topics that are not co-partitioned: "
                        + sourceCounts + ". Its topics must have the same number of partitions; repartition one "
                        + "stream with repartition(Repartitioned.numberOfPartitions(n)) or recreate the topics.");
            }
            resolved.putAll(sourceCounts);
        }
        return resolved;
    }
    /** The largest known count of a sub-topology's sources, counting reader-partitioned topics only if asked. */
    private static Integer knownCount(Subtopology s, Map<String, Integer> counts,
                                      Map<String, RepartitionTopicSpec> repartition, boolean withLikeReader) {
        Integer max = null;
        for (TopicRef t : s.sourceTopics()) {
            Integer n = counts.get(t.name());
            if (n != null && (withLikeReader || !likeReader(t, repartition))) {
                max = max == null ? n : Math.max(max, n);
            }
        }
        return max;
    }

    private static boolean assignReaderPartitioned(Subtopology s, Map<String, Integer> counts,
                                                   Map<String, RepartitionTopicSpec> repartition, int count) {
        boolean assigned = false;
        for (TopicRef t : s.sourceTopics()) {
            if (likeReader(t, repartition) && !counts.containsKey(t.name())) {
                counts.put(t.name(), count);
                assigned = true;
            }
        }
        return assigned;
    }

    private static boolean likeReader(TopicRef t, Map<String, RepartitionTopicSpec> repartition) {
        RepartitionTopicSpec spec = t.internal() ? repartition.get(t.name()) : null;
        return spec != null && spec.partitionedLikeReader();
    }
}
