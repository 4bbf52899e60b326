package dev.rill.connect.internal.runtime;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;

/**
 * Exactly-once delivery of a source task (KIP-618): the task's transactional producer writes the records and the
 * source offsets they reached to the offsets topic in one transaction, so a crash leaves either both or neither.
 * Where a transaction ends is the connector's {@code transaction.boundary}: after every non-empty {@code poll()}
 * batch ({@code poll}), every {@code transaction.boundary.interval.ms} ({@code interval}), or when the task asks
 * through its {@link TransactionContext} ({@code connector}). Used by one task thread; the context's requests may
 * come from the task's own threads, so they are volatile.
 */
final class SourceTransactions implements TransactionContext {

    /** {@code transaction.boundary}. */
    enum Boundary {
        POLL, INTERVAL, CONNECTOR;

        static Boundary parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final String offsetsTopic;
    private final Boundary boundary;
    private final long intervalMs;
    private boolean open;
    private long nextCommitMs;
    private volatile boolean commitRequested;
    private volatile boolean abortRequested;
    private volatile SourceRecord commitAfter;
    private volatile SourceRecord abortAfter;
    /** Told the offsets of each committed transaction (a connector's own offsets topic copies them on). */
    private final java.util.function.Consumer<Map<ByteBuffer, ByteBuffer>> afterCommit;

    SourceTransactions(Producer<byte[], byte[]> producer, String offsetsTopic, Boundary boundary, long intervalMs,
                       java.util.function.Consumer<Map<ByteBuffer, ByteBuffer>> afterCommit) {
        this.producer = producer;
        this.afterCommit = afterCommit;
        this.offsetsTopic = offsetsTopic;
        this.boundary = boundary;
        this.intervalMs = intervalMs;
    }

    Boundary boundary() {
        return boundary;
    }

    /**
     * Registers the producer's transactional id, fencing an earlier instance of the task and completing (aborting)
     * what it left open, so the offsets read afterwards are the last committed ones.
     */
    void init(long nowMs) {
        producer.initTransactions();
        nextCommitMs = nowMs + intervalMs;
    }

    /** Opens a transaction before the first record after a commit or abort. */
    void beginIfNeeded() {
        if (!open) {
            producer.beginTransaction();
            open = true;
        }
    }

    boolean isOpen() {
        return open;
    }

    /** For {@code interval}: whether the interval ended (and starts the next one). */
    boolean intervalEnded(long nowMs) {
        if (nowMs < nextCommitMs) {
            return false;
        }
        nextCommitMs = nowMs + intervalMs;
        return true;
    }

    /**
     * Writes the offsets into the open transaction and commits it; the producer then has every record of the
     * transaction acknowledged, or throws (and the task fails, its transaction aborted when it closes).
     */
    void commit(Map<ByteBuffer, ByteBuffer> offsets) {
        if (!open) {
            return;
        }
        offsets.forEach((k, v) -> producer.send(new ProducerRecord<>(offsetsTopic, array(k), v == null ? null
                : array(v))));
        producer.commitTransaction();
        open = false;
        if (!offsets.isEmpty()) {
            afterCommit.accept(offsets);
        }
    }

    /** Aborts the open transaction: its records and offsets never become visible to read_committed readers. */
    void abort() {
        if (open) {
            open = false;
            producer.abortTransaction();
        }
    }

    /** For {@code connector}: the request the task made for this record (consumed), or null. */
    Request takeRecordRequest(SourceRecord record) {
        if (record == abortAfter) {
            abortAfter = null;
            return Request.ABORT;
        }
        if (record == commitAfter) {
            commitAfter = null;
            return Request.COMMIT;
        }
        return null;
    }

    /** For {@code connector}: the request the task made for the batch it returned (consumed), or null. */
    Request takeBatchRequest() {
        if (abortRequested) {
            abortRequested = false;
            return Request.ABORT;
        }
        if (commitRequested) {
            commitRequested = false;
            return Request.COMMIT;
        }
        return null;
    }

    enum Request { COMMIT, ABORT }

    @Override
    public void commitTransaction() {
        requireConnectorBoundary();
        commitRequested = true;
    }

    @Override
    public void commitTransaction(SourceRecord record) {
        requireConnectorBoundary();
        commitAfter = java.util.Objects.requireNonNull(record, "record");
    }

    @Override
    public void abortTransaction() {
        requireConnectorBoundary();
        abortRequested = true;
    }

    @Override
    public void abortTransaction(SourceRecord record) {
        requireConnectorBoundary();
        abortAfter = java.util.Objects.requireNonNull(record, "record");
    }

    private void requireConnectorBoundary() {
        if (boundary != Boundary.CONNECTOR) {
            throw new ConnectException("The task asked to define a transaction boundary, but the connector's "
                    + "transaction.boundary is " + boundary.name().toLowerCase(Locale.ROOT) + "; set it to connector");
        }
    }

    private static byte[] array(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
