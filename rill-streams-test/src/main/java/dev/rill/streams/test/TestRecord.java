package dev.rill.streams.test;

import dev.rill.streams.processor.api.SimpleHeaders;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * A record piped into or read from a test topic: key, value, headers, record time and, for output, the partition it
 * was written to.
 */
public class TestRecord<K, V> {
    private final K key;
    private final V value;
    private final Headers headers;
    private final Instant recordTime;
    private final Integer partition;

    public TestRecord(K key, V value, Headers headers, Instant recordTime) {
        this(key, value, headers, recordTime, null);
    }

    public TestRecord(K key, V value, Headers headers, Long timestamp) {
        this(key, value, headers, timestamp == null ? null : Instant.ofEpochMilli(timestamp), null);
    }

    public TestRecord(K key, V value, Instant recordTime) {
        this(key, value, null, recordTime, null);
    }

    public TestRecord(K key, V value, Headers headers) {
        this(key, value, headers, (Instant) null, null);
    }

    public TestRecord(K key, V value) {
        this(key, value, null, (Instant) null, null);
    }

    public TestRecord(V value) {
        this(null, value);
    }

    /** A record with the key, value, headers and timestamp of a consumed record. */
    public TestRecord(ConsumerRecord<K, V> record) {
        this(Objects.requireNonNull(record, "record").key(), record.value(), record.headers(),
                Instant.ofEpochMilli(record.timestamp()), null);
    }

    /** A record with the key, value, headers and timestamp (none if it has none) of a record to produce. */
    public TestRecord(ProducerRecord<K, V> record) {
        this(Objects.requireNonNull(record, "record").key(), record.value(), record.headers(),
                record.timestamp() == null ? null : Instant.ofEpochMilli(record.timestamp()), null);
    }

    TestRecord(K key, V value, Headers headers, Instant recordTime, Integer partition) {
        this.key = key;
        this.value = value;
        this.headers = new SimpleHeaders(headers);
        this.recordTime = recordTime;
        this.partition = partition;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public Headers headers() {
        return headers;
    }

    /** The timestamp in ms, or null if none was set. */
    public Long timestamp() {
        return recordTime == null ? null : recordTime.toEpochMilli();
    }

    /** The partition an output record was written to; null for input records. */
    public Integer partition() {
        return partition;
    }

    public K getKey() {
        return key;
    }

    public V getValue() {
        return value;
    }

    public Headers getHeaders() {
        return headers;
    }

    public Instant getRecordTime() {
        return recordTime;
    }

    /** Equal when key, value, headers and record time are equal (the partition is not compared). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TestRecord<?, ?> other)) {
            return false;
        }
        return Objects.equals(key, other.key) && Objects.equals(value, other.value)
                && Objects.equals(headers, other.headers) && Objects.equals(recordTime, other.recordTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, headers, recordTime);
    }

    @Override
    public String toString() {
        return "TestRecord[key=" + key + ", value=" + value + ", headers=" + headers + ", recordTime=" + recordTime
                + (partition == null ? "" : ", partition=" + partition) + "]";
    }
}
