package dev.rill.streams;

import dev.rill.streams.state.HostInfo;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * One instance of the application as the latest assignment describes it: its {@code application.server}, the
 * stores and input partitions of its active tasks, and those of its standby tasks.
 */
public interface StreamsMetadata {
    /** The instance's {@code application.server}. */
    HostInfo hostInfo();

    /** The stores of its active tasks. */
    Set<String> stateStoreNames();

    /** The input partitions of its active tasks. */
    Set<TopicPartition> topicPartitions();

    /** The input partitions of its standby tasks. */
    Set<TopicPartition> standbyTopicPartitions();

    /** The stores of its standby tasks. */
    Set<String> standbyStateStoreNames();

    /** {@code hostInfo().host()}. */
    String host();

    /** {@code hostInfo().port()}. */
    int port();

    /**
     * Equal when the other is a {@code StreamsMetadata} with the same host info, stores, partitions, standby
     * partitions and standby stores.
     */
    @Override
    boolean equals(Object o);

    /** A hash of the same fields as {@link #equals(Object)}. */
    @Override
    int hashCode();
}
