package dev.rill.streams.internal.runtime;

import dev.rill.streams.TaskMetadata;
import dev.rill.streams.processor.TaskId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** A snapshot of one task of a stream thread. */
record TaskMetadataImpl(TaskId taskId, Set<TopicPartition> topicPartitions, Map<TopicPartition, Long> committedOffsets,
                        Map<TopicPartition, Long> endOffsets, Optional<Long> timeCurrentIdlingStarted)
        implements TaskMetadata {
    TaskMetadataImpl {
        topicPartitions = Set.copyOf(topicPartitions);
        committedOffsets = Map.copyOf(committedOffsets);
        endOffsets = Map.copyOf(endOffsets);
    }
}
