package dev.rill.streams.internal.kstream;

import dev.rill.streams.internal.state.MeteredKeyValueStore;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;

/**
 * Forwards the updates of a materialized table: through the store's cache flush when it has a write cache (so
 * merged updates go downstream once), else immediately.
 */
final class TableForwarder<K, V> {
    private final ProcessorContext<K, Change<V>> context;
    private final boolean cached;

    @SuppressWarnings("unchecked")
    TableForwarder(TimestampedKeyValueStore<K, V> store, ProcessorContext<K, Change<V>> context) {
        this.context = context;
        MeteredKeyValueStore<K, ValueAndTimestamp<V>> m = (MeteredKeyValueStore<K, ValueAndTimestamp<V>>) store;
        this.cached = m.setFlushListener((key, nv, ov, ts) -> context.forward(new Record<>(key,
                new Change<>(ValueAndTimestamp.getValueOrNull(nv), ValueAndTimestamp.getValueOrNull(ov)), ts)), true);
    }

    /** Forwards now unless the cache will forward on flush. */
    void maybeForward(Record<?, ?> source, K key, V newValue, V oldValue, long timestamp) {
        if (!cached) {
            context.forward(new Record<>(key, new Change<>(newValue, oldValue), timestamp, source.headers()));
        }
    }
}
