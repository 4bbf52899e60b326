package dev.rill.streams.state;

import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import java.time.Instant;

/**
 * A writable session store: an aggregate per key and session window, kept for the store's retention period
 * (counted from each session's end).
 *
 * <pre>{@code
 * SessionStore<String, Long> store = context.getStateStore("visits");
 * store.put(new Windowed<>("alice", new SessionWindow(start, end)), 3L);
 * }</pre>
 */
public interface SessionStore<K, AGG> extends StateStore, ReadOnlySessionStore<K, AGG> {

    /** Every session, of any key, whose end is in {@code [earliestSessionEndTime, latestSessionEndTime]}. */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        throw new UnsupportedOperationException("This API is not supported by this implementation of SessionStore.");
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, Instant earliestSessionEndTime,
                                                            Instant latestSessionStartTime) {
        return findSessions(key, TimeArguments.millis(earliestSessionEndTime, "earliestSessionEndTime"),
                TimeArguments.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, Instant earliestSessionEndTime,
                                                                    Instant latestSessionStartTime) {
        return backwardFindSessions(key, TimeArguments.millis(earliestSessionEndTime, "earliestSessionEndTime"),
                TimeArguments.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime,
                                                            Instant latestSessionStartTime) {
        return findSessions(keyFrom, keyTo, TimeArguments.millis(earliestSessionEndTime, "earliestSessionEndTime"),
                TimeArguments.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo,
                                                                    Instant earliestSessionEndTime,
                                                                    Instant latestSessionStartTime) {
        return backwardFindSessions(keyFrom, keyTo,
                TimeArguments.millis(earliestSessionEndTime, "earliestSessionEndTime"),
                TimeArguments.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default AGG fetchSession(K key, Instant sessionStartTime, Instant sessionEndTime) {
        return fetchSession(key, TimeArguments.millis(sessionStartTime, "sessionStartTime"),
                TimeArguments.millis(sessionEndTime, "sessionEndTime"));
    }

    /**
     * Removes the session.
     *
     * @throws NullPointerException if the session or its key is null
     */
    void remove(Windowed<K> sessionKey);

    /**
     * Puts the aggregate of a session; a null aggregate removes it. A session that ended before the retention
     * period is dropped.
     *
     * @throws NullPointerException if the session or its key is null
     */
    void put(Windowed<K> sessionKey, AGG aggregate);
}
