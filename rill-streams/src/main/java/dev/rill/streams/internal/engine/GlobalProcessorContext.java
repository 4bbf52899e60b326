package dev.rill.streams.internal.engine;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/**
 * The context of a global store's processor: it reads and writes the instance's global stores; it has no children
 * (a forwarded record goes nowhere, as in Kafka Streams) and cannot schedule punctuations.
 */
final class GlobalProcessorContext implements ProcessorContext<Void, Void>, RecordMetadata {
    private final StreamsConfig config;
    private final Map<String, StateStore> stores;
    private final File stateDir;
    private final dev.rill.streams.StreamsMetrics streamsMetrics;
    private String topic;
    private int partition;
    private long offset;
    private long streamTime = -1;

    GlobalProcessorContext(StreamsConfig config, Map<String, StateStore> stores, File stateDir,
                           dev.rill.streams.StreamsMetrics streamsMetrics) {
        this.streamsMetrics = streamsMetrics;
        this.config = config;
        this.stores = stores;
        this.stateDir = stateDir;
    }

    void setRecord(String topic, int partition, long offset, long timestamp) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.streamTime = Math.max(streamTime, timestamp);
    }

    @Override
    public dev.rill.streams.StreamsMetrics metrics() {
        return streamsMetrics;
    }

    @Override
    public <K extends Void, V extends Void> void forward(Record<K, V> record) {
        // a global store's processor has no children
    }

    @Override
    public <K extends Void, V extends Void> void forward(Record<K, V> record, String childName) {
        throw new dev.rill.streams.errors.StreamsException("A global store's processor has no children, so it cannot "
                + "forward to '" + childName + "'.");
    }

    @Override
    public String applicationId() {
        return config.applicationId();
    }

    @Override
    public TaskId taskId() {
        return new TaskId(-1, -1);
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return topic == null ? Optional.empty() : Optional.of(this);
    }

    @Override
    public Serde<?> keySerde() {
        return config.defaultKeySerde();
    }

    @Override
    public Serde<?> valueSerde() {
        return config.defaultValueSerde();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return config.originals();
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        throw new UnsupportedOperationException("A global store's processor cannot schedule punctuations: it runs "
                + "on the global thread, outside any task. Schedule them in a processor of the topology instead.");
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        return schedule(interval, type, callback);
    }

    @Override
    public void commit() {
        // the global thread makes its stores' progress durable on its own schedule
    }

    @Override
    public long currentStreamTimeMs() {
        return streamTime;
    }

    @Override
    public long currentSystemTimeMs() {
        return System.currentTimeMillis();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S getStateStore(String name) {
        StateStore s = stores.get(name);
        if (s == null) {
            throw new dev.rill.streams.errors.StreamsException("A global store's processor can use global stores only; "
                    + "'" + name + "' is not one. Global stores: " + stores.keySet());
        }
        return (S) s;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public int partition() {
        return partition;
    }

    @Override
    public long offset() {
        return offset;
    }
}
