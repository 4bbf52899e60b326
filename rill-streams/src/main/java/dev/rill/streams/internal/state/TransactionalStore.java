package dev.rill.streams.internal.state;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A persistent byte store that, under exactly-once, keeps the writes of the open Kafka transaction apart from its
 * committed state and records, in that committed state, how far into its changelog it is. The task's state manager
 * switches it on ({@link #beginTransactions()}) and applies the buffered writes with {@link #commit} only after the
 * transaction that carried their changelog records committed; closing the store without a commit drops them. So the
 * store on disk never holds a write the changelog does not hold, and after a crash it restores only the changelog
 * records after the offsets it stored.
 */
public interface TransactionalStore {
    /**
     * From now on buffers writes until {@link #commit} and makes committed writes durable across a process crash.
     *
     * @return the changelog offsets stored with the committed state (next offset not yet in the store), possibly none
     */
    Map<TopicPartition, Long> beginTransactions();

    /**
     * Forgets the stored changelog offsets: the store is written directly from now on (at-least-once), so they would
     * soon be older than the state and must not be trusted by a later exactly-once run.
     */
    void dropCommittedOffsets();

    /**
     * Applies the buffered writes and the given changelog offsets (next offset not yet in the store) in one atomic,
     * durable write, then empties the buffer. Does nothing when nothing was written since the last commit.
     */
    void commit(Map<TopicPartition, Long> changelogOffsets);

    /** Applies restored changelog records (null value = delete) and the offset after them in one atomic write. */
    void restoreBatch(List<byte[][]> records, TopicPartition changelog, long nextOffset);
}
