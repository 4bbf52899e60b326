package dev.rill.streams.kstream;

/** Maps a value to a new value. */
@FunctionalInterface
public interface ValueMapper<V, VR> {
    VR apply(V value);
}
