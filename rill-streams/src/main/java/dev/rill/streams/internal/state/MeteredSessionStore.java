package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The typed session facade over the shared typed layer ({@link MeteredStore}): a session operation becomes session
 * store keys ({@link TimeKeySchema#sessionKey}) over the byte layers (cache, changelog, segmented RocksDB /
 * in-memory).
 */
public final class MeteredSessionStore<K, V> extends MeteredStore<K, V>
        implements SessionStore<K, V>, CacheForwarding<Windowed<K>, V> {
    private final SessionQueries queries;

    public MeteredSessionStore(KeyValueStore<Bytes, byte[]> inner, CachingKeyValueBytesStore cache,
                               Serde<K> keySerde, Serde<V> valueSerde, long segmentInterval) {
        super(inner, cache, keySerde, valueSerde);
        this.queries = new SessionQueries(segmentInterval);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Serde<V> storedValueSerde(Serde<?> plainValueSerde) {
        return (Serde<V>) plainValueSerde;
    }

    private Bytes storeKey(Windowed<K> sessionKey) {
        Objects.requireNonNull(sessionKey, "sessionKey can't be null");
        Objects.requireNonNull(sessionKey.key(), "sessionKey.key() can't be null");
        return Bytes.wrap(TimeKeySchema.sessionKey(keyBytes(sessionKey.key()).get(), sessionKey.window().start(),
                sessionKey.window().end()));
    }

    private byte[] recordKey(K key) {
        return keyBytes(Objects.requireNonNull(key, "key cannot be null")).get();
    }

    private byte[] recordKeyOrNull(K key) {
        return key == null ? null : keyBytes(key).get();
    }

    @Override
    public void put(Windowed<K> sessionKey, V aggregate) {
        inner.put(storeKey(sessionKey), serializeValue(aggregate));
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        inner.delete(storeKey(sessionKey));
    }

    @Override
    public void put(Windowed<K> sessionKey, V aggregate, long timestamp, Headers headers) {
        Bytes key = storeKey(sessionKey);
        CachingKeyValueBytesStore cache = cache();
        if (cache != null) {
            cache.put(key, serializeValue(aggregate), timestamp, headers);
        } else {
            inner.put(key, serializeValue(aggregate));
        }
    }

    @Override
    public boolean setFlushListener(TypedFlushListener<Windowed<K>, V> listener, boolean sendOldValues) {
        CachingKeyValueBytesStore cache = cache();
        if (cache == null || !cache.active()) {
            return false;
        }
        cache.setFlushListener((k, nv, ov, ts, headers) -> listener.apply(windowed(k), deserializeValue(nv),
                deserializeValue(ov), ts, headers), sendOldValues);
        return true;
    }

    private Windowed<K> windowed(byte[] storeKey) {
        return SessionQueries.windowed(deserializeKey(TimeKeySchema.SESSION.recordKey(storeKey)), storeKey);
    }

    @Override
    public V fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        return deserializeValue(inner.get(Bytes.wrap(TimeKeySchema.sessionKey(recordKey(key), sessionStartTime,
                sessionEndTime))));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestSessionEndTime,
                                                        long latestSessionStartTime) {
        byte[] k = recordKey(key);
        return sessions(queries.find(inner, k, k, true, earliestSessionEndTime, latestSessionStartTime, true));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K key, long earliestSessionEndTime,
                                                                long latestSessionStartTime) {
        byte[] k = recordKey(key);
        return sessions(queries.find(inner, k, k, true, earliestSessionEndTime, latestSessionStartTime, false));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                        long latestSessionStartTime) {
        return sessions(queries.find(inner, rangeFrom(keyFrom, keyTo), recordKeyOrNull(keyTo), false,
                earliestSessionEndTime, latestSessionStartTime, true));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                                long latestSessionStartTime) {
        return sessions(queries.find(inner, rangeFrom(keyFrom, keyTo), recordKeyOrNull(keyTo), false,
                earliestSessionEndTime, latestSessionStartTime, false));
    }

    /**
     * The lower key bound of a key range. A range whose lower bound is above its upper one is empty, except on an
     * uncached in-memory store, where Kafka Streams fails it with an IllegalArgumentException (its sorted map
     * rejects the range) — so does Rill, for the same programs to behave the same.
     */
    private byte[] rangeFrom(K keyFrom, K keyTo) {
        byte[] from = recordKeyOrNull(keyFrom);
        byte[] to = recordKeyOrNull(keyTo);
        if (from != null && to != null && !cached() && !inner.persistent()
                && Bytes.wrap(from).compareTo(Bytes.wrap(to)) > 0) {
            throw new IllegalArgumentException("inconsistent range");
        }
        return from;
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return sessions(queries.findByEnd(inner, earliestSessionEndTime, latestSessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K key) {
        return findSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K key) {
        return backwardFindSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo) {
        return findSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo) {
        return backwardFindSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    private KeyValueIterator<Windowed<K>, V> sessions(List<KeyValue<Bytes, byte[]>> entries) {
        List<KeyValue<Windowed<K>, V>> out = new ArrayList<>(entries.size());
        entries.forEach(kv -> out.add(KeyValue.pair(windowed(kv.key.get()), deserializeValue(kv.value))));
        return new ListKeyValueIterator<>(out);
    }
}
