package dev.rill.bench;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start one run of a side and how to tell that it has consumed the whole input.
 *
 * @param args             program arguments for the side's main class
 * @param groupId          the consumer group whose committed offsets show the side's progress; ignored (and may be
 *                         empty) when {@code progress} is given
 * @param endOffsets       end offset of every input partition; the run is done when the group has committed them all
 * @param readiness        optional probe for the time from start to "running"
 * @param progress         optional probe that replaces the group's committed offsets as the measure of progress: the
 *                         run is done when it reports every input record, and its first record counts as the first
 *                         commit
 * @param systemProperties {@code -Dkey=value} flags the side's JVM needs beyond the shared JVM flags (e.g. where
 *                         to find its files); never tuning
 */
public record Launch(List<String> args, String groupId, Map<TopicPartition, Long> endOffsets,
                     Optional<ReadinessProbe> readiness, Optional<ProgressProbe> progress,
                     Map<String, String> systemProperties) {

    public Launch {
        args = List.copyOf(args);
        Objects.requireNonNull(groupId, "groupId");
        endOffsets = Map.copyOf(endOffsets);
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(progress, "progress");
        systemProperties = Map.copyOf(systemProperties);
        if (endOffsets.isEmpty()) {
            throw new IllegalArgumentException("a launch needs the end offsets of at least one input partition");
        }
        if (groupId.isBlank() && progress.isEmpty()) {
            throw new IllegalArgumentException("a launch needs a consumer group to watch or a progress probe");
        }
    }

    /** A launch watched through its consumer group, with an optional readiness probe. */
    public Launch(List<String> args, String groupId, Map<TopicPartition, Long> endOffsets,
                  Optional<ReadinessProbe> readiness) {
        this(args, groupId, endOffsets, readiness, Optional.empty(), Map.of());
    }

    /** A launch whose progress the scenario measures from the side's output instead of a consumer group. */
    public static Launch watchedBy(ProgressProbe progress, List<String> args, Map<TopicPartition, Long> endOffsets,
                                   Map<String, String> systemProperties) {
        return new Launch(args, "", endOffsets, Optional.empty(), Optional.of(progress), systemProperties);
    }

    /** The shared JVM flags plus this launch's system properties. */
    public List<String> jvmFlags(List<String> shared) {
        List<String> flags = new ArrayList<>(shared);
        systemProperties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> flags.add("-D" + e.getKey() + "=" + e.getValue()));
        return flags;
    }

    /** A launch without a readiness probe. */
    public static Launch of(List<String> args, String groupId, Map<TopicPartition, Long> endOffsets) {
        return new Launch(args, groupId, endOffsets, Optional.empty());
    }

    /** The number of input records the side has to consume (sum of the end offsets). */
    public long inputRecords() {
        return endOffsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
