package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.engine.ErrorOrigin;
import dev.rill.streams.internal.engine.RecordCollector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Headers;

/**
 * Sends sink output through one producer per stream thread. Send failures arrive on the producer's I/O thread; they
 * are queued and handed to the production exception handler on the stream thread at the next send or flush.
 *
 * <p>Exactly-once: a failed send dooms the open transaction, whatever the handler answers. On CONTINUE the record is
 * remembered in {@link SkippedSends} and {@link SendSkippedException} aborts the transaction; the replay skips that
 * record and drops it (count, dead-letter record) inside the transaction that commits.
 */
final class KafkaRecordCollector implements RecordCollector {
    private final Producer<byte[], byte[]> producer;
    private final ErrorHandling errors;
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private final Map<TopicPartition, Long> produced = new java.util.concurrent.ConcurrentHashMap<>();
    /** Runs before every send (exactly-once: begins the transaction if none is open). */
    private Runnable beforeSend = () -> {
    };
    /** The fencing error a send callback reported, thrown on the stream thread at the next send or flush. */
    private volatile Exception fenced;
    /** Exactly-once: the records to skip on replay (null at-least-once); and the open transaction's skips. */
    private final SkippedSends skipped;
    private final TransactionMetrics transactions;
    private final List<SkippedSends.Entry> skippedInTransaction = new ArrayList<>();

    @Override
    public Map<TopicPartition, Long> producedOffsets() {
        return produced;
    }

    KafkaRecordCollector(Producer<byte[], byte[]> producer, ErrorHandling errors) {
        this(producer, errors, null, null);
    }

    /** Exactly-once: with the instance's {@link SkippedSends} and transaction metrics. */
    KafkaRecordCollector(Producer<byte[], byte[]> producer, ErrorHandling errors, SkippedSends skipped,
                         TransactionMetrics transactions) {
        this.producer = producer;
        this.errors = errors;
        this.skipped = skipped;
        this.transactions = transactions;
    }

    @Override
    public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
                     ErrorOrigin origin) {
        throwIfFenced();
        if (!failures.isEmpty()) {
            handleFailures();
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition,
                timestamp < 0 ? null : timestamp, key, value, headers);
        if (skipped != null) {
            SkippedSends.Entry skip = skipped.find(record, skippedInTransaction);
            if (skip != null) {
                // replaying a transaction that failed on this record: drop it here, inside the transaction
                skippedInTransaction.add(skip);
                errors.dropUnsent(origin, skip.error(), this);
                return;
            }
        }
        try {
            beforeSend.run();
            producer.send(record, (metadata, exception) -> {
                if (exception != null && fencing(exception)) {
                    fenced = exception;
                    return;
                }
                if (exception != null) {
                    failures.add(new Failure(origin, record, exception));
                } else if (metadata.hasOffset()) {
                    produced.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(),
                            Math::max);
                }
            });
        } catch (KafkaException e) {
            if (fencing(e)) {
                throw migrated(e);
            }
            onFailure(origin, record, e);
        }
    }

    private void onFailure(ErrorOrigin origin, ProducerRecord<byte[], byte[]> record, Exception e) {
        if (skipped == null) {
            errors.onSendError(origin, record, e, this);
            return;
        }
        errors.decideOnSendError(origin, record, e);
        skipped.add(new SkippedSends.Entry(record, e));
        transactions.aborted("skipped-send");
        throw new SendSkippedException("A record for " + record.topic() + " could not be sent (" + e + ") and "
                + "production.exception.handler answered CONTINUE. Under exactly-once a failed send makes the open "
                + "transaction impossible to commit: it is aborted, and the tasks replay from the last commit "
                + "without that record", e);
    }

    /** Exactly-once: the open transaction committed; the records it skipped are used up. */
    void transactionCommitted() {
        if (skipped != null && !skippedInTransaction.isEmpty()) {
            skipped.committed(skippedInTransaction);
        }
        skippedInTransaction.clear();
    }

    /** Exactly-once: the open transaction was aborted; the records it skipped are skipped again on replay. */
    void transactionAborted() {
        skippedInTransaction.clear();
    }

    /**
     * A failure that says this producer may no longer write (exactly-once: another producer with the same
     * transactional id, or the broker aborted the transaction); never handed to the production exception handler.
     */
    private static boolean fencing(Exception e) {
        return e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException;
    }

    private static TaskMigratedException migrated(Exception e) {
        return new TaskMigratedException("The stream thread's producer was fenced (" + e.getMessage() + "); its "
                + "transaction is aborted and its tasks restart from the last commit", e);
    }

    private void throwIfFenced() {
        Exception f = fenced;
        if (f != null) {
            throw migrated(f);
        }
    }

    @Override
    public int partitionCount(String topic) {
        return partitionCounts.computeIfAbsent(topic, t -> producer.partitionsFor(t).size());
    }

    /** Sets what runs before every send, on the stream thread. */
    void beforeSend(Runnable action) {
        this.beforeSend = action;
    }

    /** The producer, for the committer of the processing guarantee. */
    Producer<byte[], byte[]> producer() {
        return producer;
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFenced();
        while (!failures.isEmpty()) {
            // handling may send dead-letter records; they must be acknowledged before offsets are committed
            handleFailures();
            producer.flush();
        }
    }

    private void handleFailures() {
        Failure f;
        while ((f = failures.poll()) != null) {
            onFailure(f.origin, f.record, f.exception);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ZERO);
    }

    void closeClean(Duration timeout) {
        producer.close(timeout);
    }

    private record Failure(ErrorOrigin origin, ProducerRecord<byte[], byte[]> record, Exception exception) {
    }
}
