package dev.rill.streams;

import dev.rill.streams.processor.TaskId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** A task of a stream thread: its id, its input partitions and how far it has got in them. */
public interface TaskMetadata {
    TaskId taskId();

    /** The task's input partitions. */
    Set<TopicPartition> topicPartitions();

    /** The offsets last committed for the input partitions (what a restart resumes from). */
    Map<TopicPartition, Long> committedOffsets();

    /** The end offsets of the input partitions as last fetched. */
    Map<TopicPartition, Long> endOffsets();

    /** Since when (wall-clock ms) the task has been waiting for input on some partition, if it is. */
    Optional<Long> timeCurrentIdlingStarted();
}
