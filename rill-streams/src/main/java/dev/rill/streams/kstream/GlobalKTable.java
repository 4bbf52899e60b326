package dev.rill.streams.kstream;

/**
 * A table replicated in full on every instance: a global thread reads all partitions of its topic into a local store
 * before processing starts and keeps it up to date. Streams join it by a key they compute, without repartitioning.
 */
public interface GlobalKTable<K, V> {
    /** The name of the store holding the table (queryable). */
    String queryableStoreName();
}
