package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.ReadOnlyWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One read-only view over the local instances of a window store (one per task): a key lives in exactly one of them,
 * multi-key queries concatenate the instances' results. Optionally strips timestamps from timestamped stores. The
 * instances are looked up again on every call, so a view kept by the application follows its tasks.
 */
public final class CompositeReadOnlyWindowStore<K, V> implements ReadOnlyWindowStore<K, V> {
    private final Supplier<List<StateStore>> provider;
    private final boolean stripTimestamps;

    public CompositeReadOnlyWindowStore(Supplier<List<StateStore>> provider, boolean stripTimestamps) {
        this.provider = provider;
        this.stripTimestamps = stripTimestamps;
    }

    @SuppressWarnings("unchecked")
    private List<ReadOnlyWindowStore<K, Object>> stores() {
        List<ReadOnlyWindowStore<K, Object>> out = new ArrayList<>();
        provider.get().forEach(s -> out.add((ReadOnlyWindowStore<K, Object>) s));
        return out;
    }

    @SuppressWarnings("unchecked")
    private V unwrap(Object v) {
        return stripTimestamps && v instanceof ValueAndTimestamp<?> vt ? (V) vt.value() : (V) v;
    }

    @Override
    public V fetch(K key, long time) {
        for (ReadOnlyWindowStore<K, Object> s : stores()) {
            Object v = s.fetch(key, time);
            if (v != null) {
                return unwrap(v);
            }
        }
        return null;
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return firstNonEmpty(s -> s.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return firstNonEmpty(s -> s.backwardFetch(key, timeFrom, timeTo));
    }

    private WindowStoreIterator<V> firstNonEmpty(Function<ReadOnlyWindowStore<K, Object>, WindowStoreIterator<Object>> read) {
        List<KeyValue<Long, V>> out = new ArrayList<>();
        for (ReadOnlyWindowStore<K, Object> s : stores()) {
            try (WindowStoreIterator<Object> it = read.apply(s)) {
                it.forEachRemaining(kv -> out.add(KeyValue.pair(kv.key, unwrap(kv.value))));
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return new ListWindowStoreIterator<>(out);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return concat(s -> s.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return concat(s -> s.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return concat(ReadOnlyWindowStore::all);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return concat(ReadOnlyWindowStore::backwardAll);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return concat(s -> s.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return concat(s -> s.backwardFetchAll(timeFrom, timeTo));
    }

    private KeyValueIterator<Windowed<K>, V> concat(
            Function<ReadOnlyWindowStore<K, Object>, KeyValueIterator<Windowed<K>, Object>> read) {
        List<KeyValue<Windowed<K>, V>> out = new ArrayList<>();
        for (ReadOnlyWindowStore<K, Object> s : stores()) {
            try (KeyValueIterator<Windowed<K>, Object> it = read.apply(s)) {
                it.forEachRemaining(kv -> out.add(KeyValue.pair(kv.key, unwrap(kv.value))));
            }
        }
        return new ListKeyValueIterator<>(out);
    }
}
