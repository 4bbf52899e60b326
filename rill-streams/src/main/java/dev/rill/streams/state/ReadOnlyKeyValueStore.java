package dev.rill.streams.state;

import org.apache.kafka.common.serialization.Serializer;

/** Read access to a key-value store, as processors and interactive queries see it. */
public interface ReadOnlyKeyValueStore<K, V> {
    /** The value for the key, or null. */
    V get(K key);

    /** Entries with {@code from <= key <= to} in serialized-key byte order; a null bound is open. */
    KeyValueIterator<K, V> range(K from, K to);

    /** All entries in serialized-key byte order. */
    KeyValueIterator<K, V> all();

    /**
     * Entries with {@code from <= key <= to} in descending serialized-key byte order; a null bound is open. Rill's
     * stores all support it; the default, for stores of users' own, says it is not supported (as Kafka Streams).
     */
    default KeyValueIterator<K, V> reverseRange(K from, K to) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support reverseRange");
    }

    /** All entries in descending serialized-key byte order; see {@link #reverseRange}. */
    default KeyValueIterator<K, V> reverseAll() {
        throw new UnsupportedOperationException(getClass().getName() + " does not support reverseAll");
    }

    /**
     * The entries whose serialized key starts with the bytes of {@code prefix} serialized by
     * {@code prefixKeySerializer}, in serialized-key byte order. Rill's stores all support it; the default, for
     * stores of users' own, says it is not supported (as Kafka Streams).
     */
    default <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support prefixScan");
    }

    /** An estimate of the number of entries. */
    long approximateNumEntries();
}
