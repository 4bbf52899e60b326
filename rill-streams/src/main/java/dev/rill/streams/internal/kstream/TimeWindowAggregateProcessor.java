package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.Windows;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * Tumbling and hopping window aggregation: folds a record into each of its windows that is still open (window end
 * after stream time minus grace); a window's result carries the largest timestamp of its records.
 */
final class TimeWindowAggregateProcessor<K, V, VA, W extends Window> extends WindowAggregateProcessor<K, V, VA> {
    private final Windows<W> windows;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private TimestampedWindowStore<K, VA> store;

    TimeWindowAggregateProcessor(String storeName, EmitStrategy emit, Windows<W> windows, Initializer<VA> initializer,
                                 Aggregator<? super K, ? super V, VA> aggregator, Serde<K> keySerde,
                                 long retentionMs) {
        super(storeName, emit, keySerde, retentionMs);
        this.windows = windows;
        this.initializer = initializer;
        this.aggregator = aggregator;
    }

    @Override
    boolean openStore(boolean cacheForwarding) {
        store = context.getStateStore(storeName);
        return cacheForwarding && WindowedForwarders.viaWindowCache(store, context);
    }

    /** Writes a window's aggregate, through the cache with the record's headers when the cache forwards it. */
    @SuppressWarnings("unchecked")
    private void put(Record<K, V> record, ValueAndTimestamp<VA> value, long windowStart) {
        if (cached) {
            ((dev.rill.streams.internal.state.WindowCacheForwarding<K, ValueAndTimestamp<VA>>) store)
                    .put(record.key(), value, windowStart, value.timestamp(), record.headers());
        } else {
            store.put(record.key(), value, windowStart);
        }
    }

    @Override
    public void process(Record<K, V> record) {
        if (skipNullKey(record)) {
            return;
        }
        long ts = record.timestamp();
        observe(ts);
        long closeTime = observedStreamTime - windows.gracePeriodMs();
        boolean updated = false;
        for (Map.Entry<Long, W> e : windows.windowsFor(ts).entrySet()) {
            long start = e.getKey();
            W window = e.getValue();
            if (window.end() <= closeTime) {
                dropLate(record, range(window, false), window.end(), closeTime);
                continue;
            }
            ValueAndTimestamp<VA> old = store.fetch(record.key(), start);
            VA oldAgg = ValueAndTimestamp.getValueOrNull(old);
            long newTs = oldAgg == null ? ts : Math.max(ts, old.timestamp());
            VA newAgg = aggregator.apply(record.key(), record.value(), oldAgg == null ? initializer.apply() : oldAgg);
            put(record, ValueAndTimestamp.make(newAgg, newTs), start);
            Windowed<K> key = new Windowed<>(record.key(), window);
            updated = true;
            track(key, newAgg, newTs);
            forwardUpdate(record, key, newAgg, oldAgg, newTs);
        }
        if (updated) {
            // a record too late for all its windows does not trigger an emission (nor use up the throttle), as in
            // Kafka Streams
            maybeEmitClosed(record, closeTime);
        }
    }

    /** onWindowClose: emits the windows whose start lies in (last emitted range, closeTime - size]. */
    private void maybeEmitClosed(Record<K, V> record, long closeTime) {
        if (!shouldEmitFinal(closeTime)) {
            return;
        }
        long upper = closeTime - windows.size();
        if (upper < 0) {
            return;
        }
        long lower = emittedUpTo < 0 ? 0L : Math.max(0L, emittedUpTo - windows.size()) + 1;
        if (emittedUpTo >= 0 && windows.windowsFor(upper).keySet().equals(windows.windowsFor(lower - 1).keySet())) {
            return; // no window closed since the last emission
        }
        emitUpTo(record, upper, closeTime);
    }

    @Override
    boolean sessions() {
        return false;
    }

    @Override
    void rebuildOpenWindows() {
        try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VA>> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Windowed<K>, ValueAndTimestamp<VA>> kv = it.next();
                track(kv.key, kv.value.value(), kv.value.timestamp());
            }
        }
    }
}
