package dev.rill.streams.processor;

import org.apache.kafka.common.TopicPartition;

/**
 * Reports restore progress of state stores from their changelog topics. Set one per instance with
 * {@code RillStreams#setGlobalStateRestoreListener}; it is called on stream threads, so keep it quick.
 */
public interface StateRestoreListener {
    /** Restore of one store's changelog partition starts at {@code startingOffset}, to end before {@code endingOffset}. */
    void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset);

    /** A batch was written; {@code batchEndOffset} is the offset of its last record. */
    void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored);

    /** Restore finished with {@code totalRestored} records. */
    void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored);
}
