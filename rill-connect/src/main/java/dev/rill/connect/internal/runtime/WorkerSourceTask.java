package dev.rill.connect.internal.runtime;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TaskId;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.errors.ErrorHandler;
import dev.rill.connect.internal.storage.OffsetCodec;
import dev.rill.connect.internal.storage.OffsetStore;

/**
 * The source loop: {@code poll → transforms → converters → producer}. Offsets of sent records are kept pending
 * and written to the offset store every {@code offset.flush.interval.ms}, only after the producer has
 * acknowledged every record sent before (so a stored offset never runs ahead of the data in Kafka).
 */
public final class WorkerSourceTask extends WorkerTask {
    private static final Logger log = LoggerFactory.getLogger(WorkerSourceTask.class);

    private final SourceTask task;
    private final Map<String, String> taskConfig;
    private final Converters converters;
    private final RecordConversion conversion;
    private final TransformationChain<SourceRecord> chain;
    private final ErrorHandler errors;
    private final Producer<byte[], byte[]> producer;
    private final OffsetStore offsetStore;
    private final OffsetCodec codec;
    private final OffsetStorageReader offsetReader;
    private final TopicCreator topicCreator;
    private final long flushIntervalMs;
    private long flushTimeoutMs = 5_000;
    /** Records sent but not yet acknowledged; offsets are stored only when this reaches zero. */
    private final java.util.concurrent.atomic.AtomicLong outstanding = new java.util.concurrent.atomic.AtomicLong();
    private final Object acks = new Object();
    private final AtomicReference<Exception> producerError = new AtomicReference<>();
    /** Latest offset per source partition since the last flush; serialized only when flushed. */
    private Map<Map<String, ?>, Map<String, ?>> pendingOffsets = new HashMap<>();
    private volatile boolean taskStopped;
    private TaskPluginMetrics pluginMetrics;
    /** Exactly-once delivery; null for at-least-once. */
    private SourceTransactions transactions;

    /** How long an offset flush waits for outstanding records ({@code offset.flush.timeout.ms}). */
    public void flushTimeoutMs(long ms) {
        this.flushTimeoutMs = ms;
    }

    /**
     * Makes the task exactly-once (before it starts): its producer is transactional and each transaction carries the
     * records and their source offsets (see {@link SourceTransactions}).
     */
    void exactlyOnce(SourceTransactions transactions) {
        this.transactions = transactions;
    }

    /** Sets the metrics the task may register (before the task starts). */
    public void pluginMetrics(TaskPluginMetrics metrics) {
        this.pluginMetrics = metrics;
    }

    public WorkerSourceTask(TaskId id, TargetState initial, StatusStore statuses, ClassLoader loader,
                            SourceTask task, Map<String, String> taskConfig, Converters converters,
                            TransformationChain<SourceRecord> chain, ErrorHandler errors,
                            Producer<byte[], byte[]> producer, OffsetStore offsetStore, OffsetCodec codec,
                            OffsetStorageReader offsetReader, TopicCreator topicCreator, long flushIntervalMs) {
        super(id, initial, statuses, loader);
        this.task = task;
        this.taskConfig = taskConfig;
        this.converters = converters;
        this.conversion = new RecordConversion(converters, errors);
        this.chain = chain;
        this.errors = errors;
        this.producer = producer;
        this.offsetStore = offsetStore;
        this.codec = codec;
        this.offsetReader = offsetReader;
        this.topicCreator = topicCreator;
        this.flushIntervalMs = flushIntervalMs;
    }

    @Override
    protected void initializeAndStart() {
        if (transactions != null) {
            // before the task reads its offsets: fences an earlier instance and settles what it left open
            transactions.init(System.currentTimeMillis());
        }
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return taskConfig;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return offsetReader;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return pluginMetrics;
            }

            @Override
            public org.apache.kafka.connect.source.TransactionContext transactionContext() {
                return transactions != null && transactions.boundary() == SourceTransactions.Boundary.CONNECTOR
                        ? transactions : null;
            }
        });
        task.start(taskConfig);
        log.info("Source task {} started", id);
    }

    @Override
    protected void execute() {
        try {
            loop();
        } catch (RuntimeException e) {
            if (transactions != null && FencedTaskException.isFencing(e)) {
                throw new FencedTaskException(id.toString(), e);
            }
            throw e;
        }
    }

    /**
     * {@code poll → send} until stopped. Progress is made durable at the boundaries: at-least-once, the offsets of
     * acknowledged records every {@code offset.flush.interval.ms}; exactly-once, the open transaction with its
     * offsets at each {@code transaction.boundary}. Both also when pausing and at the end.
     */
    private void loop() {
        long nextFlush = System.currentTimeMillis() + flushIntervalMs;
        while (!isStopping()) {
            if (isPaused()) {
                makeProgressDurable();
                if (!awaitUnpaused()) {
                    break;
                }
                continue;
            }
            if (transactions == null) {
                throwIfProducerFailed();
            }
            List<SourceRecord> batch;
            try {
                batch = task.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (batch != null) {
                for (SourceRecord record : batch) {
                    if (transactions != null) {
                        transactions.beginIfNeeded();
                    }
                    send(record);
                    if (transactions != null && transactions.boundary() == SourceTransactions.Boundary.CONNECTOR) {
                        apply(transactions.takeRecordRequest(record));
                    }
                }
            }
            if (transactions == null) {
                if (System.currentTimeMillis() >= nextFlush) {
                    flushOffsets();
                    nextFlush = System.currentTimeMillis() + flushIntervalMs;
                }
            } else {
                switch (transactions.boundary()) {
                    case POLL -> commitTransaction();
                    case INTERVAL -> {
                        if (transactions.intervalEnded(System.currentTimeMillis())) {
                            commitTransaction();
                        }
                    }
                    case CONNECTOR -> apply(transactions.takeBatchRequest());
                }
            }
        }
        // a graceful stop: what was sent goes out with its offsets
        makeProgressDurable();
    }

    private void makeProgressDurable() {
        if (transactions == null) {
            flushOffsets();
        } else {
            commitTransaction();
        }
    }

    private void apply(SourceTransactions.Request request) {
        if (request == SourceTransactions.Request.COMMIT) {
            commitTransaction();
        } else if (request == SourceTransactions.Request.ABORT) {
            pendingOffsets = new HashMap<>();
            transactions.abort();
            log.info("Source task {} aborted a transaction as it asked", id);
        }
    }

    /** Commits the open transaction with the offsets of its records; a failure fails the task. */
    private void commitTransaction() {
        if (!transactions.isOpen()) {
            return;
        }
        Map<Map<String, ?>, Map<String, ?>> snapshot = pendingOffsets;
        pendingOffsets = new HashMap<>();
        Map<ByteBuffer, ByteBuffer> serialized = new HashMap<>();
        snapshot.forEach((p, o) -> serialized.put(codec.key(id.connector(), p), codec.value(o)));
        transactions.commit(serialized);
        throwIfProducerFailed();
        try {
            task.commit();
        } catch (Throwable t) {
            log.error("Task {} threw from commit; ignoring it", id, t);
        }
    }

    private void send(SourceRecord original) {
        SourceRecord record = chain.apply(original, errors, null);
        if (record == null) {
            recordOffset(original);
            commitRecord(original, null);
            return;
        }
        ProducerRecord<byte[], byte[]> out = conversion.toProducerRecord(record);
        if (out == null) {
            recordOffset(original);
            return;
        }
        String topic = out.topic();
        if (topicCreator != null) {
            topicCreator.ensure(topic);
        }
        recordOffset(original);
        outstanding.incrementAndGet();
        try {
            producer.send(out, (metadata, e) -> {
                try {
                    if (e != null) {
                        if (errors.toleratesAll()) {
                            log.error("Task {} could not send a record to {}; skipping it (errors.tolerance=all)", id,
                                    topic, e);
                        } else {
                            producerError.compareAndSet(null, e);
                        }
                        return;
                    }
                    reportTopic(metadata.topic());
                    commitRecord(original, metadata);
                } finally {
                    acknowledged();
                }
            });
        } catch (RuntimeException e) {
            acknowledged();
            throw e;
        }
    }

    private void acknowledged() {
        if (outstanding.decrementAndGet() == 0) {
            synchronized (acks) {
                acks.notifyAll();
            }
        }
    }

    /** Waits until every sent record is acknowledged; false on timeout. */
    private boolean awaitAcks(long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (acks) {
            while (outstanding.get() > 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    acks.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void recordOffset(SourceRecord r) {
        if (r.sourcePartition() != null && r.sourceOffset() != null) {
            pendingOffsets.put(r.sourcePartition(), r.sourceOffset());
        }
    }

    private void commitRecord(SourceRecord r, org.apache.kafka.clients.producer.RecordMetadata md) {
        try {
            task.commitRecord(r, md);
        } catch (Throwable t) {
            log.error("Task {} threw from commitRecord; ignoring it", id, t);
        }
    }

    private void throwIfProducerFailed() {
        Exception e = producerError.get();
        if (e != null) {
            throw new ConnectException("Unrecoverable exception from producer send callback", e);
        }
    }

    /** Waits for every sent record to be acknowledged, then stores the offsets of those records. */
    private void flushOffsets() {
        Map<Map<String, ?>, Map<String, ?>> snapshot = pendingOffsets;
        if (!snapshot.isEmpty()) {
            if (!awaitAcks(flushTimeoutMs)) {
                log.warn("Task {} timed out after {} ms (offset.flush.timeout.ms) waiting for {} records to be "
                        + "acknowledged; their offsets will be flushed later", id, flushTimeoutMs, outstanding.get());
                throwIfProducerFailed();
                return;
            }
            pendingOffsets = new HashMap<>();
            throwIfProducerFailed();
            Map<ByteBuffer, ByteBuffer> serialized = new HashMap<>();
            snapshot.forEach((p, o) -> serialized.put(codec.key(id.connector(), p), codec.value(o)));
            offsetStore.set(serialized);
            log.debug("Task {} flushed {} offsets", id, snapshot.size());
        }
        try {
            task.commit();
        } catch (Throwable t) {
            log.error("Task {} threw from commit; ignoring it", id, t);
        }
    }

    @Override
    public void stop() {
        super.stop();
        stopTask();
    }

    private void stopTask() {
        synchronized (this) {
            if (taskStopped) {
                return;
            }
            taskStopped = true;
        }
        // Kafka Connect calls SourceTask.stop() from another thread so a poll() blocked waiting for data returns.
        try {
            task.stop();
        } catch (Throwable t) {
            log.warn("Task {} threw from stop()", id, t);
        }
    }

    @Override
    protected void wakeup() {
        // poll() is woken by SourceTask.stop(); pause/resume are seen after the current poll returns.
    }

    @Override
    protected void close() {
        stopTask();
        try {
            if (transactions != null && transactions.isOpen()) {
                try {
                    transactions.abort();
                } catch (RuntimeException e) {
                    if (FencedTaskException.isFencing(e)) {
                        log.info("Source task {} was fenced; its open transaction is aborted by its newer instance", id);
                    } else {
                        log.warn("Source task {} could not abort its open transaction; the broker aborts it when it "
                                + "times out or a new instance of the task starts", id, e);
                    }
                }
            }
            producer.close(Duration.ofSeconds(30));
        } finally {
            if (pluginMetrics != null) {
                pluginMetrics.close();
            }
            chain.close();
            converters.close();
            errors.close();
        }
    }
}
