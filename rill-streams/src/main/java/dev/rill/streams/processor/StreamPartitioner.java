package dev.rill.streams.processor;

/** Chooses the partition of an output record; without one the producer's default (murmur2 of the key bytes) applies. */
@FunctionalInterface
public interface StreamPartitioner<K, V> {
    /**
     * Returns the partition in {@code [0, numPartitions)}, or null for the producer's default.
     */
    Integer partition(String topic, K key, V value, int numPartitions);
}
