package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.ReadOnlySessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One read-only view over the local instances of a session store (one per task): a key lives in exactly one of them;
 * single-key queries return the first instance that has the key, multi-key queries concatenate.
 */
public final class CompositeReadOnlySessionStore<K, V> implements ReadOnlySessionStore<K, V> {
    private final Supplier<List<StateStore>> provider;

    public CompositeReadOnlySessionStore(Supplier<List<StateStore>> provider) {
        this.provider = provider;
    }

    @SuppressWarnings("unchecked")
    private List<ReadOnlySessionStore<K, V>> stores() {
        List<ReadOnlySessionStore<K, V>> out = new ArrayList<>();
        provider.get().forEach(s -> out.add((ReadOnlySessionStore<K, V>) s));
        return out;
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestSessionEndTime,
                                                        long latestSessionStartTime) {
        return firstNonEmpty(s -> s.findSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K key, java.time.Instant earliestSessionEndTime,
                                                        java.time.Instant latestSessionStartTime) {
        return firstNonEmpty(s -> s.findSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K key, long earliestSessionEndTime,
                                                                long latestSessionStartTime) {
        return firstNonEmpty(s -> s.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K key, java.time.Instant earliestSessionEndTime,
                                                                java.time.Instant latestSessionStartTime) {
        return firstNonEmpty(s -> s.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                        long latestSessionStartTime) {
        return concat(s -> s.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K keyFrom, K keyTo, java.time.Instant earliestSessionEndTime,
                                                        java.time.Instant latestSessionStartTime) {
        return concat(s -> s.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                                long latestSessionStartTime) {
        return concat(s -> s.backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K keyFrom, K keyTo,
                                                                java.time.Instant earliestSessionEndTime,
                                                                java.time.Instant latestSessionStartTime) {
        return concat(s -> s.backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public V fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        for (ReadOnlySessionStore<K, V> s : stores()) {
            V v = s.fetchSession(key, sessionStartTime, sessionEndTime);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public V fetchSession(K key, java.time.Instant sessionStartTime, java.time.Instant sessionEndTime) {
        for (ReadOnlySessionStore<K, V> s : stores()) {
            V v = s.fetchSession(key, sessionStartTime, sessionEndTime);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K key) {
        return firstNonEmpty(s -> s.fetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K key) {
        return firstNonEmpty(s -> s.backwardFetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo) {
        return concat(s -> s.fetch(keyFrom, keyTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo) {
        return concat(s -> s.backwardFetch(keyFrom, keyTo));
    }

    private KeyValueIterator<Windowed<K>, V> firstNonEmpty(
            Function<ReadOnlySessionStore<K, V>, KeyValueIterator<Windowed<K>, V>> read) {
        List<KeyValue<Windowed<K>, V>> out = new ArrayList<>();
        for (ReadOnlySessionStore<K, V> s : stores()) {
            try (KeyValueIterator<Windowed<K>, V> it = read.apply(s)) {
                it.forEachRemaining(out::add);
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return new ListKeyValueIterator<>(out);
    }

    private KeyValueIterator<Windowed<K>, V> concat(
            Function<ReadOnlySessionStore<K, V>, KeyValueIterator<Windowed<K>, V>> read) {
        List<KeyValue<Windowed<K>, V>> out = new ArrayList<>();
        for (ReadOnlySessionStore<K, V> s : stores()) {
            try (KeyValueIterator<Windowed<K>, V> it = read.apply(s)) {
                it.forEachRemaining(out::add);
            }
        }
        return new ListKeyValueIterator<>(out);
    }
}
