package dev.rill.streams.internal.engine;

import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records of an input partition are on the broker but not yet fetched, as the consumer knows it
 * ({@code Consumer.currentLag}); empty when the consumer does not know yet. Tasks use it to decide whether an empty
 * partition may still receive earlier records ({@code max.task.idle.ms}).
 */
@FunctionalInterface
public interface PartitionLags {

    /** Every partition is known to be caught up: what a test driver, which holds all input at once, sees. */
    PartitionLags CAUGHT_UP = partition -> OptionalLong.of(0);

    OptionalLong lag(TopicPartition partition);
}
