package dev.rill.streams.kstream;

/** Joins two values, given their (read-only) key. */
@FunctionalInterface
public interface ValueJoinerWithKey<K, V1, V2, VR> {
    VR apply(K readOnlyKey, V1 value1, V2 value2);
}
