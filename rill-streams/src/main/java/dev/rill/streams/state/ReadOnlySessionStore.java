package dev.rill.streams.state;

import dev.rill.streams.kstream.Windowed;
import java.time.Instant;

/**
 * Read access to a session store, as processors and interactive queries see it: an aggregate per key and session
 * window {@code [start, end]}. Rill's stores implement every method; the defaults, for stores of users' own, say
 * the operation is not supported (as Kafka Streams).
 */
public interface ReadOnlySessionStore<K, AGG> {

    /**
     * The key's sessions that end at or after {@code earliestSessionEndTime} and start at or before
     * {@code latestSessionStartTime}: every session that overlaps that interval.
     */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime,
                                                            long latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #findSessions(Object, long, long)} with instants. */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, Instant earliestSessionEndTime,
                                                            Instant latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #findSessions(Object, long, long)}, in the opposite order. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime,
                                                                    long latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #backwardFindSessions(Object, long, long)} with instants. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, Instant earliestSessionEndTime,
                                                                    Instant latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #findSessions(Object, long, long)} for the keys in {@code [keyFrom, keyTo]} (a null bound is open). */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                            long latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #findSessions(Object, Object, long, long)} with instants. */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime,
                                                            Instant latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #findSessions(Object, Object, long, long)}, in the opposite order. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                                    long latestSessionStartTime) {
        throw unsupported();
    }

    /** As {@link #backwardFindSessions(Object, Object, long, long)} with instants. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo,
                                                                    Instant earliestSessionEndTime,
                                                                    Instant latestSessionStartTime) {
        throw unsupported();
    }

    /** The aggregate of the key's session with exactly this start and end, or null. */
    default AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        throw unsupported();
    }

    /** As {@link #fetchSession(Object, long, long)} with instants. */
    default AGG fetchSession(K key, Instant sessionStartTime, Instant sessionEndTime) {
        throw unsupported();
    }

    /** Every session of the key. */
    KeyValueIterator<Windowed<K>, AGG> fetch(K key);

    /** Every session of the key, in the opposite order of {@link #fetch(Object)}. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key) {
        throw unsupported();
    }

    /** Every session of the keys in {@code [keyFrom, keyTo]} (a null bound is open). */
    KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo);

    /** As {@link #fetch(Object, Object)}, in the opposite order. */
    default KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException(
                "This API is not supported by this implementation of ReadOnlySessionStore.");
    }
}
