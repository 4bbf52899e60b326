package dev.rill.streams.kstream;

/** Folds a value into an aggregate. */
@FunctionalInterface
public interface Aggregator<K, V, VA> {
    VA apply(K key, V value, VA aggregate);
}
