package dev.rill.streams.internal.engine;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.RecordContext;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.TimestampExtractor;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import dev.rill.streams.processor.api.SimpleHeaders;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;

/**
 * The state one task shares with all its nodes: the input record being processed, stream time, punctuation
 * queues, commit requests, the collector for output, and error handling. Used by one thread only.
 */
final class TaskContext implements RecordContext, RecordMetadata {
    private final TaskId taskId;
    private final StreamsConfig config;
    private final Optional<Serde<?>> keySerde;
    private final Optional<Serde<?>> valueSerde;
    private final TimestampExtractor defaultExtractor;
    private final RecordCollector collector;
    private final ErrorHandling errors;
    private final WallClock clock;
    private final dev.rill.streams.StreamsMetrics streamsMetrics;
    private final PunctuationQueue streamTimePunctuations = new PunctuationQueue();
    private final PunctuationQueue wallClockPunctuations = new PunctuationQueue();

    private StampedRecord current;
    private TaskStateManager stateManager;
    private boolean punctuating;
    private long punctuationTime;
    private long streamTime = -1;
    private boolean commitRequested;
    /** Processor metadata committed with the input offsets (see CommittedProcessorMetadata). */
    private final java.util.Map<String, Long> processorMetadata = new java.util.TreeMap<>();
    private long metadataVersion;
    private java.util.function.Supplier<java.util.Collection<String>> committedMetadata;

    TaskContext(TaskId taskId, StreamsConfig config, RecordCollector collector, ErrorHandling errors, WallClock clock,
                dev.rill.streams.StreamsMetrics streamsMetrics) {
        this.streamsMetrics = streamsMetrics;
        this.taskId = taskId;
        this.config = config;
        this.keySerde = Optional.ofNullable(config.defaultKeySerde());
        this.valueSerde = Optional.ofNullable(config.defaultValueSerde());
        this.defaultExtractor = config.defaultTimestampExtractor();
        this.collector = collector;
        this.errors = errors;
        this.clock = clock;
    }

    void setStateManager(TaskStateManager stateManager) {
        this.stateManager = stateManager;
    }

    /** Whether a store is global: readable by every processor without being connected, as in Kafka Streams. */
    boolean isGlobalStore(String name) {
        return stateManager != null && stateManager.isGlobal(name);
    }

    dev.rill.streams.processor.StateStore store(String name) {
        return stateManager == null ? null : stateManager.store(name);
    }

    String applicationId() {
        return config.applicationId();
    }

    /** The registry view processors and stores of this task add their sensors to. */
    dev.rill.streams.StreamsMetrics streamsMetrics() {
        return streamsMetrics;
    }

    TaskId taskId() {
        return taskId;
    }

    /** {@code <state.dir>/<application.id>/<task id>}, the directory of the task's stores, for stateless tasks too. */
    java.io.File stateDir() {
        return stateManager != null ? stateManager.stateDir()
                : new java.io.File(new java.io.File(config.stateDir(), config.applicationId()), taskId.toString());
    }

    Map<String, Object> appConfigs() {
        return config.originals();
    }

    Optional<Serde<?>> defaultKeySerde() {
        return keySerde;
    }

    Optional<Serde<?>> defaultValueSerde() {
        return valueSerde;
    }

    TimestampExtractor defaultTimestampExtractor() {
        return defaultExtractor;
    }

    long streamTime() {
        return streamTime;
    }

    /** Counts a record a processor dropped on purpose in the {@code dropped-records} metric. */
    void recordDropped() {
        errors.recordDropped();
    }

    void advanceStreamTime(long timestamp) {
        if (timestamp > streamTime) {
            streamTime = timestamp;
        }
    }

    long wallClockMillis() {
        return clock.millis();
    }

    void setCurrent(StampedRecord record) {
        current = record;
    }

    void requestCommit() {
        commitRequested = true;
    }

    boolean takeCommitRequest() {
        boolean r = commitRequested;
        commitRequested = false;
        return r;
    }

    Optional<RecordMetadata> recordMetadata() {
        return current == null ? Optional.empty() : Optional.of(this);
    }

    /**
     * What a store sees as the current record's metadata: the input record's while one is processed; inside a
     * punctuation, as in Kafka Streams, a record context without topic (partition and offset -1); else none.
     */
    Optional<RecordMetadata> storeRecordMetadata() {
        if (current == null && punctuating) {
            return Optional.of(NO_RECORD);
        }
        return recordMetadata();
    }

    private static final RecordMetadata NO_RECORD = new RecordMetadata() {
        @Override
        public String topic() {
            return null;
        }

        @Override
        public int partition() {
            return -1;
        }

        @Override
        public long offset() {
            return -1;
        }
    };

    RecordContext recordContext() {
        return this;
    }

    Cancellable schedule(Node node, long interval, PunctuationType type, Punctuator punctuator) {
        if (type == PunctuationType.STREAM_TIME) {
            PunctuationSchedule s = new PunctuationSchedule(node, 0L, interval, punctuator);
            streamTimePunctuations.add(s);
            return s;
        }
        PunctuationSchedule s = new PunctuationSchedule(node, clock.millis() + interval, interval, punctuator);
        wallClockPunctuations.add(s);
        return s;
    }

    /** A punctuation first due at {@code firstDue}, then every interval on the grid anchored there. */
    Cancellable schedule(Node node, long firstDue, long interval, PunctuationType type, Punctuator punctuator) {
        PunctuationSchedule s = new PunctuationSchedule(node, firstDue, interval, punctuator);
        (type == PunctuationType.STREAM_TIME ? streamTimePunctuations : wallClockPunctuations).add(s);
        return s;
    }

    boolean punctuateStreamTime() {
        return streamTime >= 0 && streamTimePunctuations.mayPunctuate(streamTime, this::fire);
    }

    boolean punctuateWallClock(long now) {
        return wallClockPunctuations.mayPunctuate(now, this::fire);
    }

    private void fire(PunctuationSchedule schedule, long now) {
        StampedRecord saved = current;
        boolean savedPunctuating = punctuating;
        current = null;
        punctuationTime = now;
        punctuating = true;
        try {
            schedule.punctuator.punctuate(now);
        } catch (FatalRecordException | TaskMustStopException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StreamsException("Punctuator of processor " + schedule.node.name + " in task " + taskId
                    + " failed: " + e, e);
        } finally {
            current = saved;
            punctuating = savedPunctuating;
        }
    }

    // ---- error handling and output, called by nodes

    void onProcessingError(String nodeName, Record<?, ?> record, RuntimeException error) {
        errors.onProcessingError(origin(nodeName), record, error, collector);
    }

    void onSerializationError(String nodeName, ProducerRecord<?, ?> record, RuntimeException error) {
        errors.onSerializationError(origin(nodeName), record, error, collector);
    }

    void onDeserializationError(StampedRecord record) {
        errors.onDeserializationError(origin(null), record.raw, record.deserializationError, collector);
    }

    int partitionCount(String topic) {
        return collector.partitionCount(topic);
    }

    void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers, String node) {
        collector.send(topic, partition, timestamp, key, value, headers, origin(node));
    }

    /** Sends a changelog record (no node: a store writes it). */
    void sendChangelog(String topic, int partition, long timestamp, byte[] key, byte[] value) {
        collector.send(topic, partition, timestamp, key, value, NO_HEADERS, origin(null));
    }

    // changelog records carry no headers; one shared empty instance (nobody adds to it)
    private static final Headers NO_HEADERS = new SimpleHeaders();

    ErrorOrigin origin(String nodeName) {
        StampedRecord c = current;
        if (c == null) {
            return new ErrorOrigin(null, -1, -1, punctuationTime, new SimpleHeaders(), nodeName, taskId, null, null);
        }
        ConsumerRecord<byte[], byte[]> raw = c.raw;
        return new ErrorOrigin(raw.topic(), raw.partition(), raw.offset(), c.timestamp, raw.headers(), nodeName,
                taskId, raw.key(), raw.value());
    }

    // ---- RecordContext / RecordMetadata views of the current input record

    @Override
    public String topic() {
        return current == null ? null : current.raw.topic();
    }

    @Override
    public int partition() {
        return current == null ? -1 : current.raw.partition();
    }

    @Override
    public long offset() {
        return current == null ? -1 : current.raw.offset();
    }

    @Override
    public long timestamp() {
        return current == null ? punctuationTime : current.timestamp;
    }

    @Override
    public Headers headers() {
        return current == null ? new SimpleHeaders() : current.raw.headers();
    }

    Long processorMetadata(String key) {
        loadProcessorMetadata();
        return processorMetadata.get(key);
    }

    void putProcessorMetadata(String key, long value) {
        loadProcessorMetadata();
        processorMetadata.put(key, value);
    }

    /**
     * Where the metadata committed last is read from, on first use only: a topology whose processors keep none
     * (the usual case) costs no request when its tasks start.
     */
    void processorMetadataFrom(java.util.function.Supplier<java.util.Collection<String>> committed) {
        this.committedMetadata = committed;
    }

    private void loadProcessorMetadata() {
        java.util.function.Supplier<java.util.Collection<String>> source = committedMetadata;
        if (source != null) {
            committedMetadata = null;
            restoreProcessorMetadata(source.get());
        }
    }

    /**
     * The processor metadata as committed with the offsets ("" when none), with a version one above the last, so that
     * of the metadata on several partitions (a partition without new records keeps an older commit) the newest wins.
     */
    String encodedProcessorMetadata() {
        if (processorMetadata.isEmpty()) {
            return "";
        }
        java.util.Map<String, Long> versioned = new java.util.TreeMap<>(processorMetadata);
        versioned.put(ProcessorMetadataCodec.VERSION, ++metadataVersion);
        return ProcessorMetadataCodec.encode(versioned);
    }

    /** Takes the newest of the processor metadata committed on the task's partitions. */
    private void restoreProcessorMetadata(java.util.Collection<String> committed) {
        java.util.Map<String, Long> newest = null;
        for (String c : committed) {
            java.util.Map<String, Long> m = ProcessorMetadataCodec.decode(c);
            Long v = m.get(ProcessorMetadataCodec.VERSION);
            if (v != null && (newest == null || v > newest.get(ProcessorMetadataCodec.VERSION))) {
                newest = m;
            }
        }
        if (newest != null) {
            metadataVersion = newest.remove(ProcessorMetadataCodec.VERSION);
            processorMetadata.putAll(newest);
        }
    }
}
