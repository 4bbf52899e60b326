package dev.rill.streams.kstream;

/** Maps a value to a new value, seeing the (read-only) key. */
@FunctionalInterface
public interface ValueMapperWithKey<K, V, VR> {
    VR apply(K readOnlyKey, V value);
}
