package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The typed window facade over the shared typed layer ({@link MeteredStore}): a window operation becomes window store
 * keys ({@link TimeKeySchema#windowKey}) over the byte layers (cache, changelog, segmented RocksDB / in-memory).
 * With {@code retainDuplicates} every put gets the next sequence number, so none replaces another.
 */
public class MeteredWindowStore<K, V> extends MeteredStore<K, V>
        implements WindowStore<K, V>, WindowCacheForwarding<K, V> {
    private final boolean timestamped;
    private final long windowSize;
    private final boolean retainDuplicates;
    private final WindowQueries queries;
    private int seqnum;

    public MeteredWindowStore(KeyValueStore<Bytes, byte[]> inner, CachingKeyValueBytesStore cache, Serde<K> keySerde,
                              Serde<?> valueSerde, boolean timestamped, long windowSize, long segmentInterval,
                              boolean retainDuplicates) {
        super(inner, cache, keySerde, valueSerde);
        this.timestamped = timestamped;
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
        this.queries = new WindowQueries(segmentInterval);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Serde<V> storedValueSerde(Serde<?> plainValueSerde) {
        return timestamped ? (Serde<V>) new ValueAndTimestampSerde(plainValueSerde) : (Serde<V>) plainValueSerde;
    }

    public long windowSize() {
        return windowSize;
    }

    private byte[] recordKey(K key) {
        return keyBytes(Objects.requireNonNull(key, "key cannot be null")).get();
    }

    private byte[] recordKeyOrNull(K key) {
        return key == null ? null : keyBytes(key).get();
    }

    /**
     * The store key of the next put. In a store keeping duplicates every put takes the next sequence number, a
     * delete too: the delete reaches the changelog as a tombstone of a key that never existed (Kafka Streams writes
     * the same bytes) and the byte store ignores it.
     */
    private Bytes nextStoreKey(K key, long windowStart) {
        byte[] k = recordKey(key);
        if (retainDuplicates) {
            seqnum = (seqnum + 1) & 0x7FFFFFFF;
        }
        return Bytes.wrap(TimeKeySchema.windowKey(k, windowStart, seqnum));
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        inner.put(nextStoreKey(key, windowStartTimestamp), serializeValue(value));
    }

    @Override
    public void put(K key, V value, long windowStart, long timestamp, Headers headers) {
        Bytes storeKey = nextStoreKey(key, windowStart);
        CachingKeyValueBytesStore cache = cache();
        if (cache != null) {
            cache.put(storeKey, serializeValue(value), timestamp, headers);
        } else {
            inner.put(storeKey, serializeValue(value));
        }
    }

    @Override
    public boolean setFlushListener(CacheForwarding.TypedFlushListener<Windowed<K>, V> listener,
                                    boolean sendOldValues) {
        CachingKeyValueBytesStore cache = cache();
        if (cache == null || !cache.active()) {
            return false;
        }
        cache.setFlushListener((k, nv, ov, ts, headers) -> listener.apply(windowed(k), deserializeValue(nv),
                deserializeValue(ov), ts, headers), sendOldValues);
        return true;
    }

    private Windowed<K> windowed(byte[] storeKey) {
        return WindowQueries.windowed(deserializeKey(TimeKeySchema.WINDOW.recordKey(storeKey)), storeKey, windowSize);
    }

    @Override
    public V fetch(K key, long time) {
        return deserializeValue(inner.get(Bytes.wrap(TimeKeySchema.windowKey(recordKey(key), time, 0))));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return starts(queries.fetch(inner, recordKey(key), timeFrom, timeTo, true));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return starts(queries.fetch(inner, recordKey(key), timeFrom, timeTo, false));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return windows(queries.fetch(inner, recordKeyOrNull(keyFrom), recordKeyOrNull(keyTo), timeFrom, timeTo,
                true));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return windows(queries.fetch(inner, recordKeyOrNull(keyFrom), recordKeyOrNull(keyTo), timeFrom, timeTo,
                false));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return windows(queries.fetchAll(inner, timeFrom, timeTo, true));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return windows(queries.fetchAll(inner, timeFrom, timeTo, false));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return windows(queries.all(inner, true));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return windows(queries.all(inner, false));
    }

    private WindowStoreIterator<V> starts(List<KeyValue<Bytes, byte[]>> entries) {
        List<KeyValue<Long, V>> out = new ArrayList<>(entries.size());
        entries.forEach(kv -> out.add(KeyValue.pair(TimeKeySchema.windowStart(kv.key.get()),
                deserializeValue(kv.value))));
        return new ListWindowStoreIterator<>(out);
    }

    private KeyValueIterator<Windowed<K>, V> windows(List<KeyValue<Bytes, byte[]>> entries) {
        List<KeyValue<Windowed<K>, V>> out = new ArrayList<>(entries.size());
        entries.forEach(kv -> out.add(KeyValue.pair(windowed(kv.key.get()), deserializeValue(kv.value))));
        return new ListKeyValueIterator<>(out);
    }

    /** The timestamped flavour the windowed DSL uses. */
    public static final class Timestamped<K, V> extends MeteredWindowStore<K, ValueAndTimestamp<V>>
            implements TimestampedWindowStore<K, V> {
        public Timestamped(KeyValueStore<Bytes, byte[]> inner, CachingKeyValueBytesStore cache, Serde<K> keySerde,
                           Serde<V> valueSerde, long windowSize, long segmentInterval, boolean retainDuplicates) {
            super(inner, cache, keySerde, valueSerde, true, windowSize, segmentInterval, retainDuplicates);
        }
    }
}
