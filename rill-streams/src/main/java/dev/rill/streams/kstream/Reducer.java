package dev.rill.streams.kstream;

/** Combines two values into one of the same type. */
@FunctionalInterface
public interface Reducer<V> {
    V apply(V aggregate, V value);
}
