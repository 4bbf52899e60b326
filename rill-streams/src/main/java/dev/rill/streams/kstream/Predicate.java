package dev.rill.streams.kstream;

/** A test on a record's key and value. */
@FunctionalInterface
public interface Predicate<K, V> {
    boolean test(K key, V value);
}
