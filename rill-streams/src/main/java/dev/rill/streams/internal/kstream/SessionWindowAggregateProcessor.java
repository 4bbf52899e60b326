package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.Merger;
import dev.rill.streams.kstream.SessionWindow;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.SessionStore;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Session window aggregation: a record joins every session of its key within the inactivity gap; those sessions are
 * merged (their aggregates combined with the merger), deleted (forwarded as tombstones of their windowed keys) and
 * replaced by one session spanning them all and the record. A session's result is stamped with its end.
 */
final class SessionWindowAggregateProcessor<K, V, VA> extends WindowAggregateProcessor<K, V, VA> {
    private final SessionWindows windows;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private final Merger<? super K, VA> merger;
    private SessionStore<K, VA> store;

    SessionWindowAggregateProcessor(String storeName, EmitStrategy emit, SessionWindows windows,
                                    Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                                    Merger<? super K, VA> merger, Serde<K> keySerde,
                                    long retentionMs) {
        super(storeName, emit, keySerde, retentionMs);
        this.windows = windows;
        this.initializer = initializer;
        this.aggregator = aggregator;
        this.merger = merger;
    }

    @Override
    boolean openStore(boolean cacheForwarding) {
        store = context.getStateStore(storeName);
        return cacheForwarding && WindowedForwarders.viaSessionCache(store, context);
    }

    /** Writes (null: deletes) a session, through the cache with the record's headers when the cache forwards it. */
    @SuppressWarnings("unchecked")
    private void put(Record<K, V> record, Windowed<K> session, VA aggregate) {
        if (cached) {
            ((dev.rill.streams.internal.state.CacheForwarding<Windowed<K>, VA>) store)
                    .put(session, aggregate, session.window().end(), record.headers());
        } else if (aggregate == null) {
            store.remove(session);
        } else {
            store.put(session, aggregate);
        }
    }

    @Override
    public void process(Record<K, V> record) {
        if (skipNullKey(record)) {
            return;
        }
        long ts = record.timestamp();
        observe(ts);
        long gap = windows.inactivityGap();
        long closeTime = observedStreamTime - windows.gracePeriodMs() - gap;
        SessionWindow own = new SessionWindow(ts, ts);
        SessionWindow merged = own;
        VA agg = initializer.apply();
        List<KeyValue<Windowed<K>, VA>> overlapping = new ArrayList<>();
        try (KeyValueIterator<Windowed<K>, VA> it = store.findSessions(record.key(), ts - gap, ts + gap)) {
            while (it.hasNext()) {
                KeyValue<Windowed<K>, VA> session = it.next();
                overlapping.add(session);
                agg = merger.apply(record.key(), agg, session.value);
                merged = new SessionWindow(Math.min(merged.start(), session.key.window().start()),
                        Math.max(merged.end(), session.key.window().end()));
            }
        }
        if (merged.end() < closeTime) {
            dropLate(record, range(merged, true), merged.end(), closeTime);
        } else {
            if (!merged.equals(own)) {
                for (KeyValue<Windowed<K>, VA> session : overlapping) {
                    put(record, session.key, null);
                    untrack(session.key);
                    forwardSessionUpdate(session.key, null, session.value);
                }
            }
            agg = aggregator.apply(record.key(), record.value(), agg);
            Windowed<K> key = new Windowed<>(record.key(), merged);
            put(record, key, agg);
            track(key, agg, merged.end());
            forwardSessionUpdate(key, agg, null);
        }
        maybeEmitClosed(record, closeTime);
    }

    /**
     * A session update is stamped with the session's end and carries no headers: it may stand for many records (as
     * in Kafka Streams).
     */
    private void forwardSessionUpdate(Windowed<K> key, VA newAgg, VA oldAgg) {
        forwardUpdate(new Record<>(key.key(), null, key.window().end()), key, newAgg, oldAgg, key.window().end());
    }

    /** onWindowClose: emits the sessions whose end lies in [last close time, close time). */
    private void maybeEmitClosed(Record<K, V> record, long closeTime) {
        if (!shouldEmitFinal(closeTime)) {
            return;
        }
        long upper = closeTime - 1;
        long lower = Math.max(0L, emittedUpTo);
        if (upper < 0 || upper < lower) {
            return;
        }
        emitUpTo(record, upper, closeTime);
    }

    @Override
    boolean sessions() {
        return true;
    }

    @Override
    void rebuildOpenWindows() {
        try (KeyValueIterator<Windowed<K>, VA> it = store.findSessions(null, null, 0, Long.MAX_VALUE)) {
            while (it.hasNext()) {
                KeyValue<Windowed<K>, VA> kv = it.next();
                track(kv.key, kv.value, kv.key.window().end());
            }
        }
    }
}
