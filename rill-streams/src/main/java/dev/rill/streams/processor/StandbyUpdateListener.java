package dev.rill.streams.processor;

import org.apache.kafka.common.TopicPartition;

/**
 * Told how standby tasks keep their stores up to date from the changelogs: when a standby starts following a store's
 * changelog, after each batch it applies, and when it stops. Set it with
 * {@code RillStreams.setStandbyUpdateListener} before {@code start()}; it is called on the stream threads, so it
 * must be quick and thread-safe.
 *
 * <pre>{@code
 * streams.setStandbyUpdateListener(new StandbyUpdateListener() {
 *     public void onUpdateStart(TopicPartition changelog, String store, long startingOffset) { }
 *     public void onBatchLoaded(TopicPartition changelog, String store, TaskId task, long batchEndOffset,
 *                               long batchSize, long currentEndOffset) {
 *         lag.set(currentEndOffset - batchEndOffset - 1);
 *     }
 *     public void onUpdateSuspended(TopicPartition changelog, String store, long storeOffset, long currentEndOffset,
 *                                   SuspendReason reason) { }
 * });
 * }</pre>
 */
public interface StandbyUpdateListener {

    /** Why a standby stopped updating a store. */
    enum SuspendReason {
        /** The task moved to another instance or thread (or this one is closing). */
        MIGRATED,
        /** The standby became the active task here. */
        PROMOTED
    }

    /**
     * A standby starts applying a store's changelog.
     *
     * @param startingOffset the changelog offset it reads from (what its store already holds, from its checkpoint)
     */
    void onUpdateStart(TopicPartition topicPartition, String storeName, long startingOffset);

    /**
     * A standby applied a batch of changelog records to a store.
     *
     * @param batchEndOffset   the offset of the last record of the batch
     * @param batchSize        the number of records in the batch
     * @param currentEndOffset the changelog's end offset as last fetched (the offset after its last record)
     */
    void onBatchLoaded(TopicPartition topicPartition, String storeName, TaskId taskId, long batchEndOffset,
                       long batchSize, long currentEndOffset);

    /**
     * A standby stopped applying a store's changelog.
     *
     * @param storeOffset      the offset of the last changelog record applied, or -1 if none was
     * @param currentEndOffset the changelog's end offset as last fetched, or -1 if not known
     */
    void onUpdateSuspended(TopicPartition topicPartition, String storeName, long storeOffset, long currentEndOffset,
                           SuspendReason reason);
}
