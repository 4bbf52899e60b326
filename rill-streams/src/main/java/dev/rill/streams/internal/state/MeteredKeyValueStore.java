package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * The typed outer layer of a key-value store: turns keys and values into bytes with the store's serdes (the
 * defaults when none were given) over the byte layers (cache, changelog, RocksDB / in-memory).
 */
public class MeteredKeyValueStore<K, V> extends WrappedStateStore implements KeyValueStore<K, V> {
    private final CachingKeyValueBytesStore cache;
    private final Serde<K> givenKeySerde;
    private final Serde<?> givenValueSerde;
    private final boolean timestamped;
    private Serializer<K> keySerializer;
    private Deserializer<K> keyDeserializer;
    private Serializer<V> valueSerializer;
    private Deserializer<V> valueDeserializer;
    private String topic;
    private Serde<K> keySerde;

    /** The key serde in use (after init). */
    public Serde<K> keySerde() {
        return keySerde;
    }

    public MeteredKeyValueStore(KeyValueStore<Bytes, byte[]> inner, CachingKeyValueBytesStore cache,
                                Serde<K> keySerde, Serde<?> valueSerde, boolean timestamped) {
        super(inner);
        this.cache = cache;
        this.givenKeySerde = keySerde;
        this.givenValueSerde = valueSerde;
        this.timestamped = timestamped;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void init(StateStoreContext context, StateStore root) {
        InternalStoreContext ctx = (InternalStoreContext) context;
        Serde<K> ks = givenKeySerde != null ? givenKeySerde : (Serde<K>) ctx.defaultKeySerde();
        Serde<?> vs = givenValueSerde != null ? givenValueSerde : ctx.defaultValueSerde();
        if (ks == null || vs == null) {
            throw new StreamsException("State store " + name() + " has no " + (ks == null ? "key" : "value")
                    + " serde: none was given (Materialized.with / Stores.keyValueStoreBuilder) and default."
                    + (ks == null ? "key" : "value") + ".serde is not set. Give the serde or set the default.");
        }
        Serde<V> valueSerde = timestamped ? (Serde<V>) new ValueAndTimestampSerde(vs) : (Serde<V>) vs;
        keySerde = ks;
        keySerializer = ks.serializer();
        keyDeserializer = ks.deserializer();
        valueSerializer = valueSerde.serializer();
        valueDeserializer = valueSerde.deserializer();
        topic = ctx.applicationId() + "-" + name() + "-changelog";
        inner.init(context, root);
    }

    /** Whether this store has a write cache (then changes reach downstream through the flush listener). */
    public boolean cached() {
        return cache != null;
    }

    /**
     * Listens to written-through cache entries, typed; returns false if the store has no cache.
     */
    public boolean setFlushListener(TypedFlushListener<K, V> listener, boolean sendOldValues) {
        if (cache == null) {
            return false;
        }
        cache.setFlushListener((k, nv, ov, ts) -> listener.apply(keyDeserializer.deserialize(topic, k),
                valueDeserializer.deserialize(topic, nv), valueDeserializer.deserialize(topic, ov), ts), sendOldValues);
        return true;
    }

    /** A typed cache flush listener. */
    @FunctionalInterface
    public interface TypedFlushListener<K, V> {
        void apply(K key, V newValue, V oldValue, long timestamp);
    }

    public boolean timestamped() {
        return timestamped;
    }

    private Bytes keyBytes(K key) {
        if (key == null) {
            throw new NullPointerException("A state store key must not be null (store " + name() + ")");
        }
        return Bytes.wrap(keySerializer.serialize(topic, key));
    }

    @Override
    public V get(K key) {
        return valueDeserializer.deserialize(topic, inner.get(keyBytes(key)));
    }

    @Override
    public void put(K key, V value) {
        inner.put(keyBytes(key), value == null ? null : valueSerializer.serialize(topic, value));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        List<KeyValue<Bytes, byte[]>> bytes = new ArrayList<>(entries.size());
        for (KeyValue<K, V> e : entries) {
            bytes.add(KeyValue.pair(keyBytes(e.key), e.value == null ? null : valueSerializer.serialize(topic, e.value)));
        }
        inner.putAll(bytes);
    }

    @Override
    public V delete(K key) {
        return valueDeserializer.deserialize(topic, inner.delete(keyBytes(key)));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return typed(inner.range(from == null ? null : keyBytes(from), to == null ? null : keyBytes(to)));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return typed(inner.all());
    }

    private KeyValueIterator<K, V> typed(KeyValueIterator<Bytes, byte[]> it) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<K, V> next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                KeyValue<Bytes, byte[]> kv = it.next();
                return KeyValue.pair(keyDeserializer.deserialize(topic, kv.key.get()),
                        valueDeserializer.deserialize(topic, kv.value));
            }

            @Override
            public K peekNextKey() {
                return keyDeserializer.deserialize(topic, it.peekNextKey().get());
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    /** The serialized form of a key, as the changelog and the partitioner see it. */
    public byte[] serializeKey(K key) {
        return keySerializer.serialize(topic, key);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    /** Writes the cache through (forwarding its entries) without flushing the disk store. */
    public void flushCache() {
        if (cache != null) {
            cache.flushCache();
        }
    }


    /** The timestamped flavour the DSL uses. */
    public static final class Timestamped<K, V> extends MeteredKeyValueStore<K, ValueAndTimestamp<V>>
            implements TimestampedKeyValueStore<K, V> {
        public Timestamped(KeyValueStore<Bytes, byte[]> inner, CachingKeyValueBytesStore cache, Serde<K> keySerde,
                           Serde<V> valueSerde) {
            super(inner, cache, keySerde, valueSerde, true);
        }
    }
}
