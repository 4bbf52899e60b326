package dev.rill.bench;

import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start one run of a side and how to tell that it has consumed the whole input.
 *
 * @param args       program arguments for the side's main class
 * @param groupId    the consumer group whose committed offsets show the side's progress
 * @param endOffsets end offset of every input partition; the run is done when the group has committed them all
 * @param readiness  optional probe for the time from start to "running"
 */
public record Launch(List<String> args, String groupId, Map<TopicPartition, Long> endOffsets,
                     Optional<ReadinessProbe> readiness) {

    public Launch {
        args = List.copyOf(args);
        Objects.requireNonNull(groupId, "groupId");
        endOffsets = Map.copyOf(endOffsets);
        Objects.requireNonNull(readiness, "readiness");
        if (endOffsets.isEmpty()) {
            throw new IllegalArgumentException("a launch needs the end offsets of at least one input partition");
        }
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
