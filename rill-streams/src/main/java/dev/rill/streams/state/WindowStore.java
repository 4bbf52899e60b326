package dev.rill.streams.state;

import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import java.time.Instant;

/**
 * A writable window store: values by key and window start time, kept for the store's retention period.
 *
 * <pre>{@code
 * WindowStore<String, Long> store = context.getStateStore("clicks-per-minute");
 * store.put("alice", 3L, windowStart);
 * try (WindowStoreIterator<Long> it = store.fetch("alice", windowStart - 600_000, windowStart)) { ... }
 * }</pre>
 */
public interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {

    /**
     * Puts the value of the key's window that starts at {@code windowStartTimestamp}; a null value deletes it (and is
     * ignored by a store that retains duplicates). A window older than the retention period is dropped.
     *
     * @throws NullPointerException if the key is null
     */
    void put(K key, V value, long windowStartTimestamp);

    /** The key's windows that start in {@code [timeFrom, timeTo]}, oldest first. */
    WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo);

    @Override
    default WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) throws IllegalArgumentException {
        return fetch(key, TimeArguments.millis(timeFrom, "timeFrom"), TimeArguments.millis(timeTo, "timeTo"));
    }

    /** As {@link #fetch(Object, long, long)}, newest first. */
    default WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    default WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo)
            throws IllegalArgumentException {
        return backwardFetch(key, TimeArguments.millis(timeFrom, "timeFrom"), TimeArguments.millis(timeTo, "timeTo"));
    }

    /** The windows of the keys in {@code [keyFrom, keyTo]} (a null bound is open) that start in {@code [timeFrom, timeTo]}. */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo);

    @Override
    default KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo)
            throws IllegalArgumentException {
        return fetch(keyFrom, keyTo, TimeArguments.millis(timeFrom, "timeFrom"),
                TimeArguments.millis(timeTo, "timeTo"));
    }

    /** As {@link #fetch(Object, Object, long, long)}, in the opposite order. */
    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo)
            throws IllegalArgumentException {
        return backwardFetch(keyFrom, keyTo, TimeArguments.millis(timeFrom, "timeFrom"),
                TimeArguments.millis(timeTo, "timeTo"));
    }

    /** Every window, of any key, that starts in {@code [timeFrom, timeTo]}. */
    KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo);

    @Override
    default KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo)
            throws IllegalArgumentException {
        return fetchAll(TimeArguments.millis(timeFrom, "timeFrom"), TimeArguments.millis(timeTo, "timeTo"));
    }

    /** As {@link #fetchAll(long, long)}, in the opposite order. */
    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo)
            throws IllegalArgumentException {
        return backwardFetchAll(TimeArguments.millis(timeFrom, "timeFrom"), TimeArguments.millis(timeTo, "timeTo"));
    }
}
