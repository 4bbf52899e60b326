package dev.rill.streams.test;

import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/** A timestamped store seen as a plain key-value store (values without timestamps), as Kafka Streams' driver offers. */
final class PlainValueView<K, V> implements KeyValueStore<K, V> {
    private final TimestampedKeyValueStore<K, V> inner;

    PlainValueView(TimestampedKeyValueStore<K, V> inner) {
        this.inner = inner;
    }

    @Override
    public V get(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.get(key));
    }

    @Override
    public void put(K key, V value) {
        inner.put(key, ValueAndTimestamp.make(value, System.currentTimeMillis()));
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
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public V delete(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.delete(key));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return unwrap(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return unwrap(inner.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return unwrap(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return unwrap(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return unwrap(inner.prefixScan(prefix, prefixKeySerializer));
    }

    private KeyValueIterator<K, V> unwrap(KeyValueIterator<K, ValueAndTimestamp<V>> it) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<K, V> next() {
                KeyValue<K, ValueAndTimestamp<V>> kv = it.next();
                return KeyValue.pair(kv.key, ValueAndTimestamp.getValueOrNull(kv.value));
            }

            @Override
            public K peekNextKey() {
                return it.peekNextKey();
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

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
