package dev.rill.streams.state;

import dev.rill.streams.kstream.Windowed;
import java.time.Instant;

/**
 * Read access to a window store, as processors and interactive queries see it: values by key and window start
 * time. Time bounds are inclusive and compare window start timestamps.
 */
public interface ReadOnlyWindowStore<K, V> {
    /** The value of the key's window starting at {@code time}, or null. */
    V fetch(K key, long time);

    /**
     * The key's windows that start in {@code [timeFrom, timeTo]}, oldest first.
     *
     * @throws IllegalArgumentException if a bound is null or not representable in epoch milliseconds
     * @throws NullPointerException     if the key is null
     */
    WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) throws IllegalArgumentException;

    /** As {@link #fetch(Object, Instant, Instant)}, newest first. */
    default WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo)
            throws IllegalArgumentException {
        throw new UnsupportedOperationException();
    }

    /**
     * The windows of the keys in {@code [keyFrom, keyTo]} (a null bound is open) that start in
     * {@code [timeFrom, timeTo]}.
     */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo)
            throws IllegalArgumentException;

    /** As {@link #fetch(Object, Object, Instant, Instant)}, in the opposite order. */
    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo)
            throws IllegalArgumentException {
        throw new UnsupportedOperationException();
    }

    /** Every window in the store. */
    KeyValueIterator<Windowed<K>, V> all();

    /** Every window in the store, in the opposite order of {@link #all()}. */
    default KeyValueIterator<Windowed<K>, V> backwardAll() {
        throw new UnsupportedOperationException();
    }

    /** Every window, of any key, that starts in {@code [timeFrom, timeTo]}. */
    KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) throws IllegalArgumentException;

    /** As {@link #fetchAll(Instant, Instant)}, in the opposite order. */
    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo)
            throws IllegalArgumentException {
        throw new UnsupportedOperationException();
    }
}
