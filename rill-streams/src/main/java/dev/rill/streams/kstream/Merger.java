package dev.rill.streams.kstream;

/** Merges the aggregates of two session windows of one key into the aggregate of the merged session. */
@FunctionalInterface
public interface Merger<K, V> {
    V apply(K aggKey, V aggOne, V aggTwo);
}
