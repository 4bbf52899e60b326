package dev.rill.streams.processor.api;

import org.apache.kafka.common.header.Headers;

/**
 * A record whose key a {@link FixedKeyProcessor} cannot change. Instances are created by the runtime only.
 */
public class FixedKeyRecord<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    /** For the runtime; user code derives records with the {@code with...} methods. */
    protected FixedKeyRecord(K key, V value, long timestamp, Headers headers) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public long timestamp() {
        return timestamp;
    }

    public Headers headers() {
        return headers;
    }

    /** A copy with another value. */
    public <NewV> FixedKeyRecord<K, NewV> withValue(NewV value) {
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    /** A copy with another timestamp. */
    public FixedKeyRecord<K, V> withTimestamp(long timestamp) {
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    /** A copy with other headers. */
    public FixedKeyRecord<K, V> withHeaders(Headers headers) {
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    @Override
    public String toString() {
        return "FixedKeyRecord{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + "}";
    }
}
