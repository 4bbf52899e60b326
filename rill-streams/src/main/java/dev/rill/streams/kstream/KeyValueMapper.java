package dev.rill.streams.kstream;

/** Maps a key and value to a new result (a key, a {@code KeyValue}, or an iterable of them). */
@FunctionalInterface
public interface KeyValueMapper<K, V, VR> {
    VR apply(K key, V value);
}
