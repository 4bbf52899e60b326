package dev.rill.streams.internal.engine;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An input record waiting in a task's partition queue: the raw record, its deserialized key and value, and the
 * extracted timestamp. A record that failed deserialization keeps its place in the queue (so offsets stay in order)
 * and carries the failure instead.
 */
final class StampedRecord {
    final ConsumerRecord<byte[], byte[]> raw;
    final Object key;
    final Object value;
    final long timestamp;
    final RuntimeException deserializationError;

    StampedRecord(ConsumerRecord<byte[], byte[]> raw, Object key, Object value, long timestamp,
                  RuntimeException deserializationError) {
        this.raw = raw;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.deserializationError = deserializationError;
    }
}
