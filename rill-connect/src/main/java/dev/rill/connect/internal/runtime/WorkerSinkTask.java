package dev.rill.connect.internal.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TaskId;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.storage.State;
import dev.rill.connect.internal.errors.ErrorContext;
import dev.rill.connect.internal.errors.ErrorHandler;
import dev.rill.connect.internal.errors.Stage;

/**
 * The sink loop: {@code consumer → converters → transforms → put → preCommit → commit}. Offsets advance only
 * after {@code put} returned; they are committed every {@code offset.flush.interval.ms} (or when the task asks),
 * after dead-letter records are durable. A {@link RetriableException} from {@code put} pauses consumption and
 * redelivers the same batch.
 */
public final class WorkerSinkTask extends WorkerTask {
    private static final Logger log = LoggerFactory.getLogger(WorkerSinkTask.class);

    private final SinkTask task;
    private final Map<String, String> taskConfig;
    private final Converters converters;
    private final RecordConversion conversion;
    private final TransformationChain<SinkRecord> chain;
    private final ErrorHandler errors;
    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final String topicsRegex;
    private final long commitIntervalMs;
    private final PluginMetrics pluginMetrics;

    private final Map<TopicPartition, OffsetAndMetadata> currentOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> batchOffsets = new HashMap<>();
    /** The offset each assigned partition had when assigned or last committed. */
    private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new HashMap<>();
    private final Set<TopicPartition> pausedByTask = new HashSet<>();
    private final Map<TopicPartition, Long> seekRequests = new HashMap<>();
    /** The consumed batch being delivered; the errant record reporter finds originals here (no per-record cost). */
    private ConsumerRecords<byte[], byte[]> currentBatch = ConsumerRecords.empty();
    private volatile boolean commitRequested;
    private long retryBackoffMs = -1;
    private List<SinkRecord> retryBatch;
    private boolean consumptionPaused;
    private boolean reportedPaused;
    private boolean started;
    private boolean closing;

    public WorkerSinkTask(TaskId id, TargetState initial, StatusStore statuses, ClassLoader loader, SinkTask task,
                          Map<String, String> taskConfig, Converters converters,
                          TransformationChain<SinkRecord> chain, ErrorHandler errors,
                          Consumer<byte[], byte[]> consumer, List<String> topics, String topicsRegex,
                          long commitIntervalMs, PluginMetrics pluginMetrics) {
        super(id, initial, statuses, loader);
        this.task = task;
        this.taskConfig = taskConfig;
        this.converters = converters;
        this.conversion = new RecordConversion(converters, errors);
        this.chain = chain;
        this.errors = errors;
        this.consumer = consumer;
        this.topics = topics;
        this.topicsRegex = topicsRegex;
        this.commitIntervalMs = commitIntervalMs;
        this.pluginMetrics = pluginMetrics;
    }

    @Override
    protected void initializeAndStart() {
        task.initialize(new Context());
        task.start(taskConfig);
        started = true;
        Listener listener = new Listener();
        if (topicsRegex != null && !topicsRegex.isBlank()) {
            consumer.subscribe(Pattern.compile(topicsRegex.trim()), listener);
        } else {
            consumer.subscribe(topics, listener);
        }
        log.info("Sink task {} started, consuming {}", id, topicsRegex == null || topicsRegex.isBlank()
                ? topics : "topics matching " + topicsRegex);
    }

    @Override
    protected void execute() {
        long nextCommit = System.currentTimeMillis() + commitIntervalMs;
        while (!isStopping()) {
            followTargetState();
            long now = System.currentTimeMillis();
            if (commitRequested || now >= nextCommit) {
                commitOffsets(false);
                nextCommit = now + commitIntervalMs;
                commitRequested = false;
            }
            applySeekRequests();
            long wait = Math.max(0, Math.min(nextCommit - now, retryBatch != null ? retryWaitMs() : 1000));
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(wait));
            } catch (WakeupException e) {
                continue;
            }
            if (retryBatch != null) {
                if (!isPaused()) {
                    deliver(retryBatch);
                }
            } else if (!records.isEmpty() || !isPaused()) {
                // records fetched just before a pause took effect are still delivered: the position has moved on
                deliver(convert(records));
            }
        }
    }

    private long retryWaitMs() {
        return retryBackoffMs > 0 ? retryBackoffMs : 1000;
    }

    private void followTargetState() {
        if (isPaused() && !reportedPaused) {
            consumer.pause(consumer.assignment());
            statuses.putTask(id, State.PAUSED, null);
            reportedPaused = true;
        } else if (!isPaused() && reportedPaused) {
            reportedPaused = false;
            resumeConsumption();
            statuses.putTask(id, State.RUNNING, null);
        }
    }

    private void resumeConsumption() {
        if (retryBatch != null || isPaused()) {
            return;
        }
        Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
        resume.removeAll(pausedByTask);
        consumer.resume(resume);
        consumptionPaused = false;
    }

    private List<SinkRecord> convert(ConsumerRecords<byte[], byte[]> records) {
        List<SinkRecord> batch = new ArrayList<>(records.count());
        currentBatch = records;
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(tp);
            for (ConsumerRecord<byte[], byte[]> r : partitionRecords) {
                SinkRecord converted = conversion.toSinkRecord(r);
                if (converted == null) {
                    continue;
                }
                SinkRecord transformed = chain.isEmpty() ? converted : chain.apply(converted, errors, r);
                if (transformed != null) {
                    batch.add(transformed);
                }
            }
            long next = partitionRecords.get(partitionRecords.size() - 1).offset() + 1;
            batchOffsets.put(tp, new OffsetAndMetadata(next));
        }
        return batch;
    }

    private void deliver(List<SinkRecord> batch) {
        try {
            task.put(batch);
        } catch (RetriableException e) {
            log.warn("Sink task {} asked to retry a batch of {} records: {}", id, batch.size(), e.getMessage());
            retryBatch = batch;
            consumer.pause(consumer.assignment());
            consumptionPaused = true;
            return;
        } catch (RuntimeException e) {
            throw new ConnectException("Exiting WorkerSinkTask due to unrecoverable exception.", e);
        }
        currentOffsets.putAll(batchOffsets);
        batchOffsets.clear();
        if (retryBatch != null) {
            retryBatch = null;
            retryBackoffMs = -1;
            resumeConsumption();
        }
    }

    private void applySeekRequests() {
        if (seekRequests.isEmpty()) {
            return;
        }
        Set<TopicPartition> assigned = consumer.assignment();
        for (var it = seekRequests.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (assigned.contains(e.getKey())) {
                log.info("Sink task {} rewinds {} to offset {}", id, e.getKey(), e.getValue());
                consumer.seek(e.getKey(), e.getValue());
                currentOffsets.put(e.getKey(), new OffsetAndMetadata(e.getValue()));
                batchOffsets.remove(e.getKey());
                it.remove();
            }
        }
    }

    /** Asks the task which offsets are safe (preCommit, which flushes by default) and commits them. */
    private void commitOffsets(boolean sync) {
        if (currentOffsets.isEmpty() || retryBatch != null) {
            return;
        }
        errors.awaitReports();
        Map<TopicPartition, OffsetAndMetadata> safe;
        try {
            safe = task.preCommit(new HashMap<>(currentOffsets));
        } catch (Throwable t) {
            log.error("Sink task {} threw from preCommit/flush; offsets are not committed this time", id, t);
            return;
        }
        if (safe == null || safe.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        Set<TopicPartition> assigned = consumer.assignment();
        safe.forEach((tp, om) -> {
            // as in Kafka Connect, a partition whose offset has not moved since it was assigned or last committed
            // is not committed again (an idle sink leaves no committed offsets behind)
            if (om != null && assigned.contains(tp) && !om.equals(lastCommitted.get(tp))) {
                toCommit.put(tp, om);
            }
        });
        if (toCommit.isEmpty()) {
            return;
        }
        lastCommitted.putAll(toCommit);
        if (sync) {
            consumer.commitSync(toCommit);
        } else {
            consumer.commitAsync(toCommit, (offsets, e) -> {
                if (e != null) {
                    log.warn("Sink task {} could not commit offsets {}: {}", id, offsets, e.toString());
                }
            });
        }
    }

    @Override
    protected void wakeup() {
        consumer.wakeup();
    }

    @Override
    protected void close() {
        // From here on this method commits and closes the partitions itself; the revocation that
        // consumer.close() triggers when leaving the group must not call the stopped task again.
        closing = true;
        try {
            if (started) {
                Set<TopicPartition> assigned = consumer.assignment();
                if (!hasFailed()) {
                    try {
                        commitOffsets(true);
                    } catch (WakeupException e) {
                        commitOffsets(true);
                    }
                }
                task.close(new ArrayList<>(assigned));
            }
        } catch (Throwable t) {
            log.warn("Sink task {} did not commit/close its partitions cleanly", id, t);
        } finally {
            try {
                task.stop();
            } catch (Throwable t) {
                log.warn("Sink task {} threw from stop()", id, t);
            }
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
            if (pluginMetrics instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
            chain.close();
            converters.close();
            errors.close();
        }
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || closing) {
                return;
            }
            if (!hasFailed()) {
                commitOffsets(true);
            }
            task.close(partitions);
            partitions.forEach(tp -> {
                currentOffsets.remove(tp);
                lastCommitted.remove(tp);
                batchOffsets.remove(tp);
                pausedByTask.remove(tp);
            });
            if (retryBatch != null) {
                retryBatch.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.kafkaPartition())));
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            task.close(partitions);
            partitions.forEach(currentOffsets::remove);
            partitions.forEach(lastCommitted::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                reportTopic(tp.topic());
                OffsetAndMetadata position = new OffsetAndMetadata(consumer.position(tp));
                currentOffsets.put(tp, position);
                lastCommitted.put(tp, position);
            }
            task.open(partitions);
            applySeekRequests(); // offsets the task asked for in open()
            if (isPaused() || consumptionPaused) {
                consumer.pause(partitions);
            }
        }
    }

    /** The SinkTaskContext; its methods are called on the task thread from within put/open/close. */
    private final class Context implements SinkTaskContext {
        @Override
        public Map<String, String> configs() {
            return taskConfig;
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
            seekRequests.putAll(offsets);
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
            seekRequests.put(tp, offset);
        }

        @Override
        public void timeout(long timeoutMs) {
            retryBackoffMs = timeoutMs;
        }

        @Override
        public Set<TopicPartition> assignment() {
            return consumer.assignment();
        }

        @Override
        public void pause(TopicPartition... partitions) {
            for (TopicPartition tp : partitions) {
                requireAssigned(tp, "pause");
                pausedByTask.add(tp);
            }
            consumer.pause(List.of(partitions));
        }

        @Override
        public void resume(TopicPartition... partitions) {
            for (TopicPartition tp : partitions) {
                requireAssigned(tp, "resume");
                pausedByTask.remove(tp);
            }
            if (!isPaused() && retryBatch == null) {
                consumer.resume(List.of(partitions));
            }
        }

        private void requireAssigned(TopicPartition tp, String what) {
            if (!consumer.assignment().contains(tp)) {
                throw new IllegalStateException("Cannot " + what + " partition " + tp + ": it is not assigned to "
                        + "this task (assignment: " + consumer.assignment() + ")");
            }
        }

        @Override
        public void requestCommit() {
            commitRequested = true;
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return (record, error) -> reportErrant(record, error);
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return pluginMetrics;
        }
    }

    @SuppressWarnings("unchecked")
    private Future<Void> reportErrant(SinkRecord record, Throwable error) {
        ConsumerRecord<byte[], byte[]> original = null;
        TopicPartition tp = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        for (ConsumerRecord<byte[], byte[]> r : currentBatch.records(tp)) {
            if (r.offset() == record.originalKafkaOffset()) {
                original = r;
                break;
            }
        }
        if (original == null) {
            // not from the current batch: rebuild the coordinates (the DLQ then carries no original bytes)
            original = new ConsumerRecord<>(record.originalTopic(), record.originalKafkaPartition(),
                    record.originalKafkaOffset(), null, null);
        }
        return (Future<Void>) errors.reportErrant(new ErrorContext(Stage.TASK_PUT, task.getClass(), error, original,
                record));
    }
}
