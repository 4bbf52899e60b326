package dev.rill.streams.internal.engine;

import org.apache.kafka.common.header.Headers;

/** Where sinks send serialized records: a Kafka producer in the runtime, in-memory topics in the test driver. */
public interface RecordCollector {
    /**
     * Sends one record.
     *
     * @param partition the partition, or null for the default (murmur2 of the key bytes)
     * @param origin    describes the input record and node, for error handlers
     */
    void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
              ErrorOrigin origin);

    /** The number of partitions of a topic, for stream partitioners. */
    int partitionCount(String topic);

    /** Waits until everything sent so far is acknowledged, surfacing send failures through the handler. */
    void flush();

    /** The offset of the last acknowledged record per partition written so far (for checkpoints); may be empty. */
    default java.util.Map<org.apache.kafka.common.TopicPartition, Long> producedOffsets() {
        return java.util.Map.of();
    }

    /** Releases resources; after a failure, without waiting for outstanding sends. */
    void close();
}
