package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.SessionWindow;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;

/**
 * The reads of a session store over a byte store of session store keys (whatever layers it has): a store-key range,
 * a filter on record key and session bounds, and Kafka Streams' order (segment by session end, then store key).
 */
final class SessionQueries {
    private final Comparator<KeyValue<Bytes, byte[]>> order;

    SessionQueries(long segmentInterval) {
        this.order = Comparator.comparing(kv -> kv.key, TimeKeySchema.SESSION.order(segmentInterval));
    }

    /**
     * The sessions of one key (when {@code single}) or of the keys in {@code [keyFrom, keyTo]} (null: open) that end
     * at or after {@code earliestEnd} and start at or before {@code latestStart}.
     */
    List<KeyValue<Bytes, byte[]>> find(KeyValueStore<Bytes, byte[]> store, byte[] keyFrom, byte[] keyTo,
                                       boolean single, long earliestEnd, long latestStart, boolean forward) {
        if (!single && keyFrom != null && keyTo != null && Bytes.wrap(keyFrom).compareTo(Bytes.wrap(keyTo)) > 0) {
            return new ArrayList<>();
        }
        Predicate<byte[]> key = single ? k -> TimeKeySchema.SESSION.hasRecordKey(k, keyFrom)
                : k -> TimeKeySchema.SESSION.recordKeyWithin(k, keyFrom, keyTo);
        // one key: bounded by session end too, so a segmented store reads only the segments from earliestEnd on
        Bytes lower = single ? Bytes.wrap(TimeKeySchema.sessionKey(keyFrom, 0, Math.max(0, earliestEnd)))
                : TimeKeySchema.SESSION.lowerBound(keyFrom);
        Bytes upper = single ? Bytes.wrap(TimeKeySchema.sessionKey(keyFrom, Long.MAX_VALUE, Long.MAX_VALUE))
                : TimeKeySchema.SESSION.upperBound(keyTo);
        return scan(store, lower, upper,
                k -> key.test(k) && TimeKeySchema.sessionEnd(k) >= earliestEnd
                        && TimeKeySchema.sessionStart(k) <= latestStart, forward);
    }

    /** Every session, of any key, whose end is in {@code [earliestEnd, latestEnd]}. */
    List<KeyValue<Bytes, byte[]>> findByEnd(KeyValueStore<Bytes, byte[]> store, long earliestEnd, long latestEnd) {
        return scan(store, null, null, k -> {
            long end = TimeKeySchema.sessionEnd(k);
            return end >= earliestEnd && end <= latestEnd;
        }, true);
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

    static <K> Windowed<K> windowed(K key, byte[] storeKey) {
        return new Windowed<>(key, new SessionWindow(TimeKeySchema.sessionStart(storeKey),
                TimeKeySchema.sessionEnd(storeKey)));
    }
}
