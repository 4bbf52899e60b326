package dev.rill.streams.internal.kstream;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import dev.rill.streams.processor.api.SimpleHeaders;
import dev.rill.streams.state.KeyValueStore;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * KTable.suppress: buffers each update (keyed, in place) and forwards the buffered updates whose buffer time is at
 * most stream time minus the suppression duration, oldest first, with the timestamp and headers of the record that
 * made them. Buffer time is the window end (untilWindowCloses, whose duration is the windows' grace period and which
 * drops deletes) or the record time (untilTimeLimit). Stream time is the largest timestamp this processor has seen.
 * A buffer over its limits emits early or stops the application, as configured.
 */
final class SuppressProcessor<K, V> implements Processor<K, Change<V>, K, Change<V>> {
    /** The parameters of one suppression, fixed when the topology is built. */
    record Config(String storeName, long durationMs, boolean untilWindowCloses, long maxRecords, long maxBytes,
                  boolean emitEarlyWhenFull) {
    }

    private final Config config;
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private ProcessorContext<K, Change<V>> context;
    private SuppressionBuffer buffer;
    private long observedStreamTime = -1;
    private final String nodeName;

    SuppressProcessor(Config config, Serde<K> keySerde, Serde<V> valueSerde, String nodeName) {
        this.config = config;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.nodeName = nodeName;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<K, Change<V>> context) {
        this.context = context;
        if (keySerde == null) {
            keySerde = (Serde<K>) context.keySerde();
        } else if (keySerde instanceof WindowedKeySerde<?> windowed) {
            windowed.useDefaultKeySerde(context.keySerde());
        }
        if (valueSerde == null) {
            valueSerde = (Serde<V>) context.valueSerde();
        }
        if (keySerde == null || valueSerde == null) {
            throw new StreamsException("suppress() node " + nodeName + " needs a key and a value serde for its buffer "
                    + "but has no " + (keySerde == null ? "key" : "value") + " serde: set default.key.serde and "
                    + "default.value.serde, or give the upstream table's serdes with Materialized.with(...).");
        }
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(config.storeName());
        buffer = unbounded() ? new StoreOrderedSuppressionBuffer(store) : new IndexedSuppressionBuffer(store);
    }

    @Override
    public void process(Record<K, Change<V>> record) {
        observedStreamTime = Math.max(observedStreamTime, record.timestamp());
        Optional<RecordMetadata> meta = context.recordMetadata();
        String serdeTopic = config.storeName();
        byte[] old = serialize(record.value().oldValue(), serdeTopic);
        buffer.put(new SuppressionBuffer.Entry(bufferTime(record),
                keySerde.serializer().serialize(serdeTopic, record.key()), old, old,
                serialize(record.value().newValue(), serdeTopic), record.timestamp(),
                meta.map(RecordMetadata::offset).orElse(-1L), meta.map(RecordMetadata::topic).orElse(null),
                meta.map(RecordMetadata::partition).orElse(-1), new SimpleHeaders(record.headers())));
        enforceConstraints();
    }

    private long bufferTime(Record<K, Change<V>> record) {
        if (!config.untilWindowCloses()) {
            return record.timestamp();
        }
        if (!(record.key() instanceof Windowed<?> w)) {
            throw new StreamsException("suppress(untilWindowCloses) node " + nodeName + " got a record whose key is "
                    + "not windowed (" + record.key() + "); it needs the output of a windowed aggregation.");
        }
        return w.window().end();
    }

    private void enforceConstraints() {
        long expiry = observedStreamTime - config.durationMs();
        while (buffer.minTime() <= expiry) {
            emit(buffer.evictOldest());
        }
        if (!overCapacity()) {
            return;
        }
        if (!config.emitEarlyWhenFull()) {
            throw new StreamsException(String.format("%s buffer exceeded its max capacity. Currently [%d/%d] records "
                    + "and [%d/%d] bytes. Raise the buffer's limits, or use emitEarlyWhenFull().", nodeName,
                    buffer.records(), config.maxRecords(), buffer.bytes(), config.maxBytes()));
        }
        while (overCapacity()) {
            emit(buffer.evictOldest());
        }
    }

    /** Whether the buffer has no limits (it then lives in a RocksDB store, see {@link StoreOrderedSuppressionBuffer}). */
    private boolean unbounded() {
        return unbounded(config.maxRecords(), config.maxBytes());
    }

    static boolean unbounded(long maxRecords, long maxBytes) {
        return maxRecords == Long.MAX_VALUE && maxBytes == Long.MAX_VALUE;
    }

    private boolean overCapacity() {
        return buffer.records() > config.maxRecords() || buffer.bytes() > config.maxBytes();
    }

    private void emit(SuppressionBuffer.Entry e) {
        if (e.newValue() == null && config.untilWindowCloses()) {
            return; // a final result is never a delete
        }
        K key = keySerde.deserializer().deserialize(config.storeName(), e.key());
        V newValue = deserialize(e.newValue(), config.storeName());
        V oldValue = deserialize(e.oldValue(), config.storeName());
        context.forward(new Record<>(key, new Change<>(newValue, oldValue), e.timestamp(), e.headers()));
    }

    private byte[] serialize(V value, String topic) {
        return value == null ? null : valueSerde.serializer().serialize(topic, value);
    }

    private V deserialize(byte[] bytes, String topic) {
        return bytes == null ? null : valueSerde.deserializer().deserialize(topic, bytes);
    }
}
