package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.ReadOnlyKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * One read-only view over the local instances of a store (one per task): a key lives in exactly one of them, ranges
 * concatenate the instances' results. Optionally strips timestamps from timestamped stores.
 */
public final class CompositeReadOnlyKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final List<KeyValueStore<K, Object>> stores = new ArrayList<>();
    private final boolean stripTimestamps;

    @SuppressWarnings("unchecked")
    public CompositeReadOnlyKeyValueStore(List<StateStore> stores, boolean stripTimestamps) {
        stores.forEach(s -> this.stores.add((KeyValueStore<K, Object>) s));
        this.stripTimestamps = stripTimestamps;
    }

    @SuppressWarnings("unchecked")
    private V unwrap(Object v) {
        return stripTimestamps && v instanceof ValueAndTimestamp<?> vt ? (V) vt.value() : (V) v;
    }

    @Override
    public V get(K key) {
        for (KeyValueStore<K, Object> s : stores) {
            Object v = s.get(key);
            if (v != null) {
                return unwrap(v);
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        List<KeyValue<K, V>> out = new ArrayList<>();
        for (KeyValueStore<K, Object> s : stores) {
            try (KeyValueIterator<K, Object> it = s.range(from, to)) {
                it.forEachRemaining(kv -> out.add(KeyValue.pair(kv.key, unwrap(kv.value))));
            }
        }
        return new ListKeyValueIterator<>(out);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return range(null, null);
    }

    @Override
    public long approximateNumEntries() {
        long n = 0;
        for (KeyValueStore<K, Object> s : stores) {
            n += s.approximateNumEntries();
        }
        return n < 0 ? Long.MAX_VALUE : n;
    }
}
