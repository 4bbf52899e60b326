package dev.rill.streams.internal.kstream;

import dev.rill.streams.internal.state.CacheForwarding;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.SimpleHeaders;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;

/**
 * Writes the rows of a materialized table and forwards their updates: through the store's cache flush when it has a
 * write cache (so merged updates go downstream once), else immediately. Either way an update carries the row's
 * timestamp and the headers of the record that made it.
 */
final class TableForwarder<K, V> {
    private final ProcessorContext<K, Change<V>> context;
    private final CacheForwarding<K, ValueAndTimestamp<V>> store;
    private final boolean cached;

    @SuppressWarnings("unchecked")
    TableForwarder(TimestampedKeyValueStore<K, V> store, ProcessorContext<K, Change<V>> context) {
        this.context = context;
        this.store = (CacheForwarding<K, ValueAndTimestamp<V>>) store;
        this.cached = this.store.setFlushListener((key, nv, ov, ts, headers) -> context.forward(new Record<>(key,
                new Change<>(ValueAndTimestamp.getValueOrNull(nv), ValueAndTimestamp.getValueOrNull(ov)),
                nv != null ? nv.timestamp() : ts, headers == null ? new SimpleHeaders() : headers)), true);
    }

    /**
     * Stores the key's new value (null deletes it) stamped with {@code timestamp}, and forwards the update now unless
     * the cache will forward it on flush.
     */
    void write(Record<?, ?> source, K key, V newValue, V oldValue, long timestamp) {
        store.put(key, newValue == null ? null : ValueAndTimestamp.make(newValue, timestamp), timestamp,
                source.headers());
        if (!cached) {
            context.forward(new Record<>(key, new Change<>(newValue, oldValue), timestamp, source.headers()));
        }
    }
}
