package dev.rill.streams.kstream;

/** An action on each record, for side effects. */
@FunctionalInterface
public interface ForeachAction<K, V> {
    void apply(K key, V value);
}
