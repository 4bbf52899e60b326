package dev.rill.streams.state;

/** Read access to a key-value store, as processors and interactive queries see it. */
public interface ReadOnlyKeyValueStore<K, V> {
    /** The value for the key, or null. */
    V get(K key);

    /** Entries with {@code from <= key <= to} in serialized-key byte order; a null bound is open. */
    KeyValueIterator<K, V> range(K from, K to);

    /** All entries in serialized-key byte order. */
    KeyValueIterator<K, V> all();

    /** An estimate of the number of entries. */
    long approximateNumEntries();
}
