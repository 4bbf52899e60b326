package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * The typed key-value facade over the shared typed layer ({@link MeteredStore}): key-value operations turned into
 * bytes with the store's serdes over the byte layers (cache, changelog, RocksDB / in-memory).
 */
public class MeteredKeyValueStore<K, V> extends MeteredStore<K, V> implements KeyValueStore<K, V>, CacheForwarding<K, V> {
    private final boolean timestamped;

    public MeteredKeyValueStore(KeyValueStore<Bytes, byte[]> inner, CachingKeyValueBytesStore cache,
                                Serde<K> keySerde, Serde<?> valueSerde, boolean timestamped) {
        super(inner, cache, keySerde, valueSerde);
        this.timestamped = timestamped;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Serde<V> storedValueSerde(Serde<?> plainValueSerde) {
        return timestamped ? (Serde<V>) new ValueAndTimestampSerde(plainValueSerde) : (Serde<V>) plainValueSerde;
    }

    public boolean timestamped() {
        return timestamped;
    }

    @Override
    public boolean setFlushListener(TypedFlushListener<K, V> listener, boolean sendOldValues) {
        CachingKeyValueBytesStore cache = cache();
        if (cache == null || !cache.active()) {
            return false;
        }
        cache.setFlushListener((k, nv, ov, ts, headers) -> listener.apply(deserializeKey(k), deserializeValue(nv),
                deserializeValue(ov), ts, headers), sendOldValues);
        return true;
    }

    @Override
    public void put(K key, V value, long timestamp, Headers headers) {
        byte[] bytes = serializeValue(value);
        CachingKeyValueBytesStore cache = cache();
        if (cache != null) {
            cache.put(keyBytes(key), bytes, timestamp, headers);
        } else {
            inner.put(keyBytes(key), bytes);
        }
    }

    @Override
    public V get(K key) {
        return deserializeValue(inner.get(keyBytes(key)));
    }

    @Override
    public void put(K key, V value) {
        inner.put(keyBytes(key), serializeValue(value));
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
            bytes.add(KeyValue.pair(keyBytes(e.key), serializeValue(e.value)));
        }
        inner.putAll(bytes);
    }

    @Override
    public V delete(K key) {
        return deserializeValue(inner.delete(keyBytes(key)));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return typed(inner.range(from == null ? null : keyBytes(from), to == null ? null : keyBytes(to)));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return typed(inner.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return typed(inner.reverseRange(from == null ? null : keyBytes(from), to == null ? null : keyBytes(to)));
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return typed(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        byte[] bytes = prefixKeySerializer.serialize(topic(), prefix);
        return typed(PrefixRange.scan(inner, bytes));
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
                return KeyValue.pair(deserializeKey(kv.key.get()), deserializeValue(kv.value));
            }

            @Override
            public K peekNextKey() {
                return deserializeKey(it.peekNextKey().get());
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
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
