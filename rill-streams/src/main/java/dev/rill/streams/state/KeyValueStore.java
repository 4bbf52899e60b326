package dev.rill.streams.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import java.util.List;

/** A writable key-value store. A null value deletes the key. */
public interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
    void put(K key, V value);

    /** Puts the value if the key is absent; returns the previous value (null if it was put). */
    V putIfAbsent(K key, V value);

    void putAll(List<KeyValue<K, V>> entries);

    /** Deletes the key; returns the old value. */
    V delete(K key);
}
