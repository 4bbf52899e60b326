package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.TimeWindow;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;

/**
 * The reads of a window store over a byte store of window store keys (whatever layers it has): each read is a
 * store-key range, a filter on record key and window start, and Kafka Streams' order (segment, then store key).
 * Results are materialized; the layers below materialize them too.
 */
final class WindowQueries {
    private final Comparator<KeyValue<Bytes, byte[]>> order;

    WindowQueries(long segmentInterval) {
        this.order = Comparator.comparing(kv -> kv.key, TimeKeySchema.WINDOW.order(segmentInterval));
    }

    /** The windows of one key starting in {@code [from, to]}. */
    List<KeyValue<Bytes, byte[]>> fetch(KeyValueStore<Bytes, byte[]> store, byte[] key, long from, long to,
                                        boolean forward) {
        if (from > to || to < 0) {
            return new ArrayList<>();
        }
        Bytes lower = Bytes.wrap(TimeKeySchema.windowKey(key, Math.max(0, from), 0));
        Bytes upper = Bytes.wrap(TimeKeySchema.windowKey(key, to, -1));
        return scan(store, lower, upper, k -> TimeKeySchema.WINDOW.hasRecordKey(k, key) && within(k, from, to),
                forward);
    }

    /** The windows of the keys in {@code [keyFrom, keyTo]} (null: open) starting in {@code [from, to]}. */
    List<KeyValue<Bytes, byte[]>> fetch(KeyValueStore<Bytes, byte[]> store, byte[] keyFrom, byte[] keyTo, long from,
                                        long to, boolean forward) {
        if (keyFrom != null && keyTo != null && Bytes.wrap(keyFrom).compareTo(Bytes.wrap(keyTo)) > 0 || from > to) {
            return new ArrayList<>();
        }
        return scan(store, TimeKeySchema.WINDOW.lowerBound(keyFrom), TimeKeySchema.WINDOW.upperBound(keyTo),
                k -> TimeKeySchema.WINDOW.recordKeyWithin(k, keyFrom, keyTo) && within(k, from, to), forward);
    }

    /** Every window starting in {@code [from, to]}. */
    List<KeyValue<Bytes, byte[]>> fetchAll(KeyValueStore<Bytes, byte[]> store, long from, long to, boolean forward) {
        if (from > to) {
            return new ArrayList<>();
        }
        return scan(store, null, null, k -> within(k, from, to), forward);
    }

    /** Every window. */
    List<KeyValue<Bytes, byte[]>> all(KeyValueStore<Bytes, byte[]> store, boolean forward) {
        return scan(store, null, null, k -> true, forward);
    }

    private static boolean within(byte[] storeKey, long from, long to) {
        long start = TimeKeySchema.windowStart(storeKey);
        return start >= from && start <= to;
    }

    private List<KeyValue<Bytes, byte[]>> scan(KeyValueStore<Bytes, byte[]> store, Bytes lower, Bytes upper,
                                               Predicate<byte[]> keep, boolean forward) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = lower == null && upper == null ? store.all()
                : store.range(lower, upper)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (kv.value != null && keep.test(kv.key.get())) {
                    out.add(kv);
                }
            }
        }
        out.sort(forward ? order : order.reversed());
        return out;
    }

    /** The window of a store key: {@code [start, start + windowSize)}, its end capped at {@code Long.MAX_VALUE}. */
    static <K> Windowed<K> windowed(K key, byte[] storeKey, long windowSize) {
        long start = TimeKeySchema.windowStart(storeKey);
        long end = start + windowSize;
        return new Windowed<>(key, new TimeWindow(start, end < 0 ? Long.MAX_VALUE : end));
    }
}
