package dev.rill.streams.internal.kstream;

import dev.rill.streams.StreamsMetrics;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.ProcessorContext;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.To;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import dev.rill.streams.processor.api.SimpleHeaders;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;

/**
 * The old-style {@link ProcessorContext} a {@code ValueTransformerWithKey} sees: everything is delegated to the
 * node's Processor API context, except the record's timestamp and headers, which come from the update being
 * transformed (or from the punctuation that is running), and {@code forward}, which throws.
 */
final class ValueTransformerContext implements ProcessorContext {
    private final dev.rill.streams.processor.api.ProcessorContext<?, ?> delegate;
    private final String nodeName;
    /** The update being transformed; null outside {@code process}. */
    private Record<?, ?> current;
    /** The time of the transformer's punctuation that is running, or -1 for none. */
    private long punctuationTime = -1;

    ValueTransformerContext(dev.rill.streams.processor.api.ProcessorContext<?, ?> delegate, String nodeName) {
        this.delegate = delegate;
        this.nodeName = nodeName;
    }

    /** Makes {@code record} the current one; returns the one it replaces (to restore afterwards). */
    Record<?, ?> enter(Record<?, ?> record) {
        Record<?, ?> saved = current;
        current = record;
        return saved;
    }

    void leave(Record<?, ?> saved) {
        current = saved;
    }

    @Override
    public String applicationId() {
        return delegate.applicationId();
    }

    @Override
    public TaskId taskId() {
        return delegate.taskId();
    }

    @Override
    public Serde<?> keySerde() {
        return delegate.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
        return delegate.valueSerde();
    }

    @Override
    public File stateDir() {
        return delegate.stateDir();
    }

    @Override
    public StreamsMetrics metrics() {
        return delegate.metrics();
    }

    @Override
    public void register(StateStore store, StateRestoreCallback stateRestoreCallback) {
        throw new UnsupportedOperationException("register() is not supported in the context of transformValues "
                + "node " + nodeName + ": a state store registers itself in init(StateStoreContext, StateStore). "
                + "Add the store with StreamsBuilder.addStateStore(...) and pass its name to transformValues(...).");
    }

    @Override
    public <S extends StateStore> S getStateStore(String name) {
        return delegate.getStateStore(name);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        Objects.requireNonNull(callback, "callback");
        return delegate.schedule(interval, type, punctuating(callback));
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        Objects.requireNonNull(callback, "callback");
        return delegate.schedule(startTime, interval, type, punctuating(callback));
    }

    /** Runs {@code callback} with no current record and the punctuation's time as the record timestamp. */
    private Punctuator punctuating(Punctuator callback) {
        return timestamp -> {
            Record<?, ?> savedRecord = current;
            long savedTime = punctuationTime;
            current = null;
            punctuationTime = timestamp;
            try {
                callback.punctuate(timestamp);
            } finally {
                current = savedRecord;
                punctuationTime = savedTime;
            }
        };
    }

    @Override
    public <K, V> void forward(K key, V value) {
        throw forwardNotSupported();
    }

    @Override
    public <K, V> void forward(K key, V value, To to) {
        throw forwardNotSupported();
    }

    private StreamsException forwardNotSupported() {
        return new StreamsException("ProcessorContext#forward() is not supported inside KTable#transformValues "
                + "(node " + nodeName + "): the value a ValueTransformerWithKey returns from transform() is its only "
                + "output, so that the key cannot change. Return the new value instead; to emit other records, use "
                + "toStream().process(...) with the Processor API.");
    }

    @Override
    public void commit() {
        delegate.commit();
    }

    @Override
    public String topic() {
        requireRecordContext("topic");
        return current == null ? null : delegate.recordMetadata().map(RecordMetadata::topic).orElse(null);
    }

    @Override
    public int partition() {
        requireRecordContext("partition");
        return current == null ? -1 : delegate.recordMetadata().map(RecordMetadata::partition).orElse(-1);
    }

    @Override
    public long offset() {
        requireRecordContext("offset");
        return current == null ? -1L : delegate.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
    }

    @Override
    public Headers headers() {
        requireRecordContext("headers");
        return current == null ? new SimpleHeaders() : current.headers();
    }

    @Override
    public long timestamp() {
        requireRecordContext("timestamp");
        return current == null ? punctuationTime : current.timestamp();
    }

    /** Record metadata exists only while an update is transformed or a punctuation runs (as in Kafka Streams). */
    private void requireRecordContext(String what) {
        if (current == null && punctuationTime < 0) {
            throw new IllegalStateException(what + "() is only available while transform() or a punctuation runs, "
                    + "not in init() or close() (transformValues node " + nodeName + ").");
        }
    }

    @Override
    public Map<String, Object> appConfigs() {
        return delegate.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        return delegate.appConfigsWithPrefix(prefix);
    }

    @Override
    public long currentSystemTimeMs() {
        return delegate.currentSystemTimeMs();
    }

    @Override
    public long currentStreamTimeMs() {
        return delegate.currentStreamTimeMs();
    }
}
