package dev.rill.streams.internal.state;

import org.apache.kafka.common.header.Headers;

/**
 * A typed store that can forward its written-through cache entries, and that takes writes together with the
 * timestamp and headers of the record that made them, so the cache can forward the entry with them later.
 */
public interface CacheForwarding<K, V> {
    /**
     * Listens to written-through cache entries, typed.
     *
     * @return false if the store has no active write cache (then the caller forwards each update itself)
     */
    boolean setFlushListener(TypedFlushListener<K, V> listener, boolean sendOldValues);

    /** Writes a value (null deletes) with the timestamp and headers of the record that made it. */
    void put(K key, V value, long timestamp, Headers headers);

    /** A typed cache flush listener. */
    @FunctionalInterface
    interface TypedFlushListener<K, V> {
        void apply(K key, V newValue, V oldValue, long timestamp, Headers headers);
    }
}
