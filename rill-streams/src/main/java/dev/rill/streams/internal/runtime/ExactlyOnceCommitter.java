package dev.rill.streams.internal.runtime;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.processor.TaskId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once ({@code exactly_once_v2}): one transactional producer per stream thread. Everything the thread's
 * tasks write between two commits (sink, repartition and changelog records) goes into one Kafka transaction, and the
 * consumed input offsets are added to the same transaction with {@code sendOffsetsToTransaction(offsets,
 * consumer.groupMetadata())}; committing the transaction makes outputs, state changes and input progress visible
 * together, to {@code read_committed} readers. The group metadata lets the broker fence a member whose generation is
 * stale (a zombie whose tasks moved): its offsets are refused and its transaction is aborted.
 *
 * <p>A transaction begins with the first record sent after {@link #start()}, a commit or an abort (or at a commit
 * that has only offsets to add), so none stays open while the thread is idle or closing. Any failure
 * to commit (fenced producer, stale generation, timeout) aborts the transaction if the producer still can, and
 * throws {@link TaskMigratedException}: the thread drops its tasks without committing and is replaced.
 *
 * <p>Local state: RocksDB stores buffer the open transaction's writes and apply them, together with the changelog
 * offsets they reach, only after {@code commitTransaction} returned (see
 * {@link dev.rill.streams.internal.state.TransactionalStore}); an abort closes the tasks, which drops the buffers.
 * So after a crash such a store is reopened as it is and restores only the changelog records after its last applied
 * commit. Other persistent stores may hold writes of an open transaction, so a running task keeps no checkpoint file
 * (they are rebuilt from the committed changelog after a crash); a checkpoint file is written only for tasks closed
 * cleanly right after a commit, and for standbys (which apply committed changelog records only).
 */
final class ExactlyOnceCommitter implements Committer {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceCommitter.class);

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final KafkaRecordCollector collector;
    private final RepartitionPurger purger;
    private final TransactionMetrics metrics;
    private boolean inTransaction;
    /** The producer cannot be used any more (fenced, or an abort failed); the thread must be replaced. */
    private boolean unusable;

    ExactlyOnceCommitter(String name, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                         KafkaRecordCollector collector, RepartitionPurger purger, TransactionMetrics metrics) {
        this.name = name;
        this.consumer = consumer;
        this.producer = producer;
        this.collector = collector;
        this.purger = purger;
        this.metrics = metrics;
    }

    /** Registers the transactional id (fencing any earlier producer with it, aborting its open transaction). */
    @Override
    public void start() {
        try {
            producer.initTransactions();
        } catch (TimeoutException e) {
            throw new StreamsException(name + ": the transaction coordinator did not answer initTransactions within "
                    + "max.block.ms. Under exactly_once_v2 the brokers must be able to create __transaction_state: "
                    + "check that transaction.state.log.replication.factor and transaction.state.log.min.isr are not "
                    + "above the number of live brokers.", e);
        } catch (UnsupportedVersionException | TransactionalIdAuthorizationException e) {
            throw new StreamsException(name + ": the cluster refused transactions (" + e.getMessage() + "); "
                    + "exactly_once_v2 needs brokers 2.5+ and the right to write the transactional id.", e);
        }
        collector.beforeSend(this::ensureTransaction);
    }

    /** Begins a transaction before the first record after a commit or abort (none is left open while idle). */
    private void ensureTransaction() {
        if (!inTransaction && !unusable) {
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    @Override
    public void commit(Collection<StreamTask> active, Collection<StreamTask> standbys, Set<TaskId> closing) {
        for (StreamTask standby : standbys) {
            standby.checkpointStandby();
        }
        long began = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        try {
            for (StreamTask task : active) {
                task.flushState();
            }
            collector.flush();
            for (StreamTask task : active) {
                offsets.putAll(task.uncommittedOffsets());
            }
            if (!offsets.isEmpty()) {
                ensureTransaction();
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            }
            if (inTransaction) {
                producer.commitTransaction();
                inTransaction = false;
                metrics.committed(System.nanoTime() - began);
            }
            collector.transactionCommitted();
        } catch (SendSkippedException e) {
            // counted where it was thrown; the transaction cannot commit, the broker may still take the abort
            abortWithoutCounting("skipped-send");
            throw e;
        } catch (TaskMigratedException e) {
            // a send of this transaction was refused as fenced (see KafkaRecordCollector)
            unusable = true;
            inTransaction = false;
            metrics.aborted("fenced");
            throw e;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            unusable = true;
            inTransaction = false;
            metrics.aborted("fenced");
            throw new TaskMigratedException(name + ": the producer was fenced (another producer with the same "
                    + "transactional.id, or the transaction timed out on the broker); dropping uncommitted work", e);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            abortQuietly("stale-generation");
            throw new TaskMigratedException(name + ": the group rebalanced and refused the offsets of this "
                    + "transaction; it was aborted and the tasks restart from the last commit", e);
        } catch (TimeoutException e) {
            abortQuietly("timeout");
            throw new TaskMigratedException(name + ": committing the transaction timed out; it was aborted and the "
                    + "tasks restart from the last commit", e);
        } catch (KafkaException e) {
            abortQuietly("error");
            throw new TaskMigratedException(name + ": committing the transaction failed (" + e + "); it was aborted "
                    + "and the tasks restart from the last commit", e);
        }
        if (!offsets.isEmpty()) {
            for (StreamTask task : active) {
                task.markCommitted(offsets);
            }
            purger.committed(offsets, System.currentTimeMillis());
            LOG.debug("{} committed transaction with offsets {}", name, offsets);
        }
        // the transaction committed: now the stores may hold its writes (a crash before this line only costs the
        // restore of this transaction's changelog records)
        Map<TopicPartition, Long> produced = collector.producedOffsets();
        for (StreamTask task : active) {
            task.commitState(produced);
        }
        for (StreamTask task : active) {
            if (closing.contains(task.id())) {
                task.checkpoint(produced, 0);
            }
        }
    }

    /** Aborts the open transaction, if any; the next record sent begins a new one. */
    @Override
    public boolean deliversSentRecordsOnFailure() {
        return false;
    }

    @Override
    public void abort() {
        if (!inTransaction || unusable) {
            return;
        }
        abortQuietly("dropped");
    }

    private void abortQuietly(String reason) {
        metrics.aborted(reason);
        abortWithoutCounting(reason);
    }

    private void abortWithoutCounting(String reason) {
        inTransaction = false;
        collector.transactionAborted();
        try {
            producer.abortTransaction();
            LOG.info("{} aborted its transaction ({})", name, reason);
        } catch (TaskMigratedException e) {
            // a send of this transaction was refused as fenced (see KafkaRecordCollector)
            unusable = true;
            inTransaction = false;
            metrics.aborted("fenced");
            throw e;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            unusable = true;
            LOG.info("{}: the producer is fenced; the broker aborts its transaction", name);
        } catch (KafkaException e) {
            unusable = true;
            LOG.warn("{}: aborting the transaction failed; the broker aborts it after transaction.timeout.ms", name, e);
        }
    }

}
