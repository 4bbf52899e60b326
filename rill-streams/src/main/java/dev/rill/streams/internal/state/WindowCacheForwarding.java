package dev.rill.streams.internal.state;

import dev.rill.streams.kstream.Windowed;
import org.apache.kafka.common.header.Headers;

/**
 * A typed window store that can forward its written-through cache entries as windowed keys, and that takes writes
 * with the timestamp and headers of the record that made them (the windowed DSL's aggregations use it).
 */
public interface WindowCacheForwarding<K, V> {
    /**
     * Listens to written-through cache entries.
     *
     * @return false if the store has no active write cache (then the caller forwards each update itself)
     */
    boolean setFlushListener(CacheForwarding.TypedFlushListener<Windowed<K>, V> listener, boolean sendOldValues);

    /** Writes the value of the key's window at {@code windowStart} (null deletes), with the record's timestamp and headers. */
    void put(K key, V value, long windowStart, long timestamp, Headers headers);
}
