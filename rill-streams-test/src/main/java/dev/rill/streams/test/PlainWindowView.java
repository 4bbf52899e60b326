package dev.rill.streams.test;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;

/**
 * A timestamped window store seen as a plain window store (values without timestamps), as Kafka Streams' driver
 * offers; a put stores the value with no timestamp (-1).
 */
final class PlainWindowView<K, V> implements WindowStore<K, V> {
    private final TimestampedWindowStore<K, V> inner;

    PlainWindowView(TimestampedWindowStore<K, V> inner) {
        this.inner = inner;
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        inner.put(key, ValueAndTimestamp.make(value, -1L), windowStartTimestamp);
    }

    @Override
    public V fetch(K key, long time) {
        return ValueAndTimestamp.getValueOrNull(inner.fetch(key, time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return starts(inner.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return starts(inner.backwardFetch(key, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return windows(inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return windows(inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return windows(inner.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return windows(inner.backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return windows(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return windows(inner.backwardAll());
    }

    private static <V> WindowStoreIterator<V> starts(WindowStoreIterator<ValueAndTimestamp<V>> it) {
        return new WindowStoreIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Long, V> next() {
                KeyValue<Long, ValueAndTimestamp<V>> kv = it.next();
                return KeyValue.pair(kv.key, ValueAndTimestamp.getValueOrNull(kv.value));
            }

            @Override
            public Long peekNextKey() {
                return it.peekNextKey();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    private static <K, V> KeyValueIterator<Windowed<K>, V> windows(
            KeyValueIterator<Windowed<K>, ValueAndTimestamp<V>> it) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Windowed<K>, V> next() {
                KeyValue<Windowed<K>, ValueAndTimestamp<V>> kv = it.next();
                return KeyValue.pair(kv.key, ValueAndTimestamp.getValueOrNull(kv.value));
            }

            @Override
            public Windowed<K> peekNextKey() {
                return it.peekNextKey();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
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
