package dev.rill.streams.kstream;

/** Joins two values. */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {
    VR apply(V1 value1, V2 value2);
}
