package dev.rill.streams.processor.api;

import dev.rill.streams.errors.StreamsException;
import org.apache.kafka.common.header.Headers;

/**
 * A record flowing through a topology: key, value, timestamp and headers. Immutable except for the headers,
 * which are shared with records derived through the {@code with...} methods (as in Kafka Streams).
 */
public final class Record<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    /**
     * Creates a record.
     *
     * @throws StreamsException if the timestamp is negative
     */
    public Record(K key, V value, long timestamp, Headers headers) {
        if (timestamp < 0) {
            throw new StreamsException("Record timestamp must be >= 0 but was " + timestamp
                    + "; pass the input record's timestamp or a wall-clock time.");
        }
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers == null ? new dev.rill.streams.processor.api.SimpleHeaders() : headers;
    }

    /** Creates a record with empty headers. */
    public Record(K key, V value, long timestamp) {
        this(key, value, timestamp, null);
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

    /** A copy with another key. */
    public <NewK> Record<NewK, V> withKey(NewK key) {
        return new Record<>(key, value, timestamp, headers);
    }

    /** A copy with another value. */
    public <NewV> Record<K, NewV> withValue(NewV value) {
        return new Record<>(key, value, timestamp, headers);
    }

    /** A copy with another timestamp. */
    public Record<K, V> withTimestamp(long timestamp) {
        return new Record<>(key, value, timestamp, headers);
    }

    /** A copy with other headers. */
    public Record<K, V> withHeaders(Headers headers) {
        return new Record<>(key, value, timestamp, headers);
    }

    @Override
    public String toString() {
        return "Record{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + "}";
    }
}
