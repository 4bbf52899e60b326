package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.ReadOnlyKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One read-only view over the local instances of a store (one per task): a key lives in exactly one of them, ranges
 * concatenate the instances' results. Optionally strips timestamps from timestamped stores. The instances are looked
 * up again on every call, so a view kept by the application follows its tasks across rebalances.
 */
public final class CompositeReadOnlyKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final Supplier<List<StateStore>> provider;
    private final boolean stripTimestamps;

    public CompositeReadOnlyKeyValueStore(Supplier<List<StateStore>> provider, boolean stripTimestamps) {
        this.provider = provider;
        this.stripTimestamps = stripTimestamps;
    }

    @SuppressWarnings("unchecked")
    private List<KeyValueStore<K, Object>> stores() {
        List<KeyValueStore<K, Object>> out = new ArrayList<>();
        provider.get().forEach(s -> out.add((KeyValueStore<K, Object>) s));
        return out;
    }

    @SuppressWarnings("unchecked")
    private V unwrap(Object v) {
        return stripTimestamps && v instanceof ValueAndTimestamp<?> vt ? (V) vt.value() : (V) v;
    }

    @Override
    public V get(K key) {
        for (KeyValueStore<K, Object> s : stores()) {
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
        for (KeyValueStore<K, Object> s : stores()) {
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
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return collect(store -> store.reverseRange(from, to), true);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return reverseRange(null, null);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return collect(store -> store.prefixScan(prefix, prefixKeySerializer), false);
    }

    /** One store after the other (in reverse order when {@code reverse}), as Kafka Streams' composite store reads. */
    private KeyValueIterator<K, V> collect(
            java.util.function.Function<KeyValueStore<K, Object>, KeyValueIterator<K, Object>> read, boolean reverse) {
        List<KeyValueStore<K, Object>> stores = stores();
        if (reverse) {
            java.util.Collections.reverse(stores);
        }
        List<KeyValue<K, V>> out = new ArrayList<>();
        for (KeyValueStore<K, Object> s : stores) {
            try (KeyValueIterator<K, Object> it = read.apply(s)) {
                it.forEachRemaining(kv -> out.add(KeyValue.pair(kv.key, unwrap(kv.value))));
            }
        }
        return new ListKeyValueIterator<>(out);
    }

    @Override
    public long approximateNumEntries() {
        long n = 0;
        for (KeyValueStore<K, Object> s : stores()) {
            n += s.approximateNumEntries();
        }
        return n < 0 ? Long.MAX_VALUE : n;
    }
}
