package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.processor.TaskId;
import java.util.Collection;
import java.util.Set;

/**
 * The commit protocol of a stream thread, behind one interface so that the processing guarantee is one class:
 * what it means to make the progress of the running tasks durable (their store writes, their output records and the
 * input offsets they consumed), and in which order.
 */
interface Committer {
    /** Prepares the first commit; called on the stream thread before it subscribes. */
    default void start() {
    }

    /**
     * Commits the progress of the running tasks and checkpoints the standbys.
     *
     * @param active   the running tasks
     * @param standbys the standby tasks
     * @param closing  running tasks about to be closed: their stores are flushed and checkpointed whatever their lag
     * @throws org.apache.kafka.clients.consumer.CommitFailedException if the group rebalanced meanwhile
     * @throws org.apache.kafka.common.errors.RebalanceInProgressException if the group is rebalancing
     * @throws TaskMigratedException under exactly-once, when the transaction could not commit (it is aborted)
     */
    void commit(Collection<StreamTask> active, Collection<StreamTask> standbys, Set<TaskId> closing);

    /**
     * Drops the progress made since the last commit that can still be dropped (the open transaction under
     * exactly-once); called before tasks are closed without a commit. At-least-once has nothing to drop: what was
     * sent stays sent, and the uncommitted input is processed again.
     */
    default void abort() {
    }

    /**
     * Whether records already handed to the producer must still be delivered when tasks close without a commit:
     * under at-least-once they are part of the output (the input is processed again, so they may repeat, but are not
     * lost); under exactly-once they belong to the aborted transaction.
     */
    default boolean deliversSentRecordsOnFailure() {
        return true;
    }
}
