package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindow;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;

/**
 * Sliding window aggregation, with Kafka Streams' algorithm. Windows have inclusive bounds and a size of the time
 * difference d. Only windows that differ in content exist: a record at t has a left window [t - d, t] (it ends the
 * window) and, when a later record of the key lies within d, a right window [t + 1, t + 1 + d]; a new record also
 * updates every existing window that contains it and may create the right window of the record just before it.
 * Records earlier than d share one window [0, d], since windows cannot start before 0.
 *
 * <p>Existing windows are visited newest first (the order of Kafka Streams' reverse store iteration), so updates are
 * forwarded in the same order.
 */
final class SlidingWindowAggregateProcessor<K, V, VA> extends WindowAggregateProcessor<K, V, VA> {
    private final SlidingWindows windows;
    private final long diff;
    private final Initializer<VA> initializer;
    private final Aggregator<? super K, ? super V, VA> aggregator;
    private TimestampedWindowStore<K, VA> store;

    SlidingWindowAggregateProcessor(String storeName, EmitStrategy emit, SlidingWindows windows,
                                    Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                                    Serde<K> keySerde, long retentionMs) {
        super(storeName, emit, keySerde, retentionMs);
        this.windows = windows;
        this.diff = windows.timeDifferenceMs();
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
        if (skipNullKeyOrValue(record)) {
            return;
        }
        long ts = record.timestamp();
        observe(ts);
        long closeTime = observedStreamTime - windows.gracePeriodMs();
        if (ts + diff < closeTime) {
            dropLate(record, "[" + ts + "," + (ts + diff) + "]", ts + diff, closeTime);
            return;
        }
        if (ts < diff) {
            processEarly(record, closeTime);
            return;
        }
        processNewestFirst(record, closeTime);
        maybeEmitClosed(record, closeTime);
    }

    private List<KeyValue<Windowed<K>, ValueAndTimestamp<VA>>> windowsOfKey(K key, long from, long to) {
        List<KeyValue<Windowed<K>, ValueAndTimestamp<VA>>> found = new ArrayList<>();
        try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VA>> it = store.fetch(key, key, from, to)) {
            it.forEachRemaining(found::add);
        }
        return found;
    }

    private void processNewestFirst(Record<K, V> record, long closeTime) {
        long ts = record.timestamp();
        Set<Long> starts = new HashSet<>();
        ValueAndTimestamp<VA> leftAgg = null;
        ValueAndTimestamp<VA> rightAgg = null;
        boolean leftExists = false;
        boolean rightExists = false;
        Long previousTs = null;
        // the upper bound ts + 1 also finds this record's right window, if it exists
        List<KeyValue<Windowed<K>, ValueAndTimestamp<VA>>> found =
                windowsOfKey(record.key(), Math.max(0, ts - 2 * diff), ts + 1);
        for (int i = found.size() - 1; i >= 0; i--) {
            KeyValue<Windowed<K>, ValueAndTimestamp<VA>> w = found.get(i);
            long start = w.key.window().start();
            long end = start + diff;
            starts.add(start);
            long maxTs = w.value.timestamp();
            if (start == ts + 1) {
                rightExists = true;
            } else if (end > ts) {
                if (rightAgg == null) {
                    rightAgg = w.value;
                }
                update(w.key.window(), w.value, record, closeTime);
            } else if (end == ts) {
                leftExists = true;
                update(w.key.window(), w.value, record, closeTime);
                if (maxTs < ts) {
                    previousTs = maxTs;
                } else {
                    return; // a record at the same time already created every window this one needs
                }
            } else {
                leftAgg = w.value;
                previousTs = maxTs;
                break;
            }
        }
        createWindows(record, closeTime, starts, rightAgg, leftAgg, leftExists, rightExists, previousTs);
    }

    /** A record before d: it goes into the shared window [0, d] (and right windows as later records need them). */
    private void processEarly(Record<K, V> record, long closeTime) {
        long ts = record.timestamp();
        KeyValue<Windowed<K>, ValueAndTimestamp<VA>> combined = null;
        ValueAndTimestamp<VA> rightAgg = null;
        boolean rightExists = false;
        Set<Long> starts = new HashSet<>();
        Long previousTs = null;
        for (KeyValue<Windowed<K>, ValueAndTimestamp<VA>> w : windowsOfKey(record.key(), 0, ts + 1)) {
            long start = w.key.window().start();
            starts.add(start);
            if (start == 0) {
                combined = w;
                if (w.value.timestamp() < ts) {
                    previousTs = w.value.timestamp();
                }
            } else if (start <= ts) {
                rightAgg = w.value;
                update(w.key.window(), w.value, record, closeTime);
            } else if (start == ts + 1) {
                rightExists = true;
            } else {
                throw new IllegalStateException("Sliding window aggregation into " + storeName + " found window "
                        + w.key.window() + " while processing a record at " + ts + "; the store holds a window this "
                        + "algorithm never creates (was it written by another topology?)");
            }
        }
        // without a right window found, the records of [0, d] that are later than this one form its right window
        if (rightAgg == null && combined != null && combined.value.timestamp() > ts) {
            rightAgg = combined.value;
        }
        if (!rightExists && rightAgg != null && rightAgg.timestamp() > ts) {
            createRightWindow(ts, rightAgg, record);
        }
        if (previousTs != null && !starts.contains(previousTs + 1)) {
            createPreviousRightWindow(previousTs + 1, record, closeTime);
        }
        if (combined == null) {
            update(new TimeWindow(0, diff), ValueAndTimestamp.make(initializer.apply(), ts), record, closeTime);
        } else {
            update(combined.key.window(), combined.value, record, closeTime);
        }
    }

    private void createWindows(Record<K, V> record, long closeTime, Set<Long> starts, ValueAndTimestamp<VA> rightAgg,
                               ValueAndTimestamp<VA> leftAgg, boolean leftExists, boolean rightExists,
                               Long previousTs) {
        long ts = record.timestamp();
        if (previousTs != null) {
            long previousRightStart = previousTs + 1;
            if (!starts.contains(previousRightStart) && previousRightStart + diff >= ts) {
                createPreviousRightWindow(previousRightStart, record, closeTime);
            }
        }
        if (!leftExists) {
            boolean previousInLeftWindow = previousTs != null && ts - diff <= previousTs;
            ValueAndTimestamp<VA> start = previousInLeftWindow ? ValueAndTimestamp.make(leftAgg.value(), ts)
                    : ValueAndTimestamp.make(initializer.apply(), ts);
            update(new TimeWindow(ts - diff, ts), start, record, closeTime);
        }
        if (!rightExists && rightAgg != null && rightAgg.timestamp() > ts) {
            createRightWindow(ts, rightAgg, record);
        }
    }

    /** This record's right window holds exactly the later records of an existing window: copy its aggregate. */
    private void createRightWindow(long ts, ValueAndTimestamp<VA> rightAgg, Record<K, V> record) {
        TimeWindow window = new TimeWindow(ts + 1, ts + 1 + diff);
        put(record, rightAgg, window.start());
        Windowed<K> key = new Windowed<>(record.key(), window);
        track(key, rightAgg.value(), rightAgg.timestamp());
        forwardUpdate(record, key, rightAgg.value(), null, rightAgg.timestamp());
    }

    /** The previous record's right window, which so far held nothing but now holds this record. */
    private void createPreviousRightWindow(long start, Record<K, V> record, long closeTime) {
        update(new TimeWindow(start, start + diff), ValueAndTimestamp.make(initializer.apply(), record.timestamp()),
                record, closeTime);
    }

    /** Folds the record into a window holding {@code current} (an initial aggregate for a new window). */
    private void update(Window window, ValueAndTimestamp<VA> current, Record<K, V> record, long closeTime) {
        if (window.end() < closeTime) {
            dropLate(record, range(window, true), window.end(), closeTime);
            return;
        }
        VA oldAgg = ValueAndTimestamp.getValueOrNull(current);
        VA newAgg = aggregator.apply(record.key(), record.value(), oldAgg);
        long newTs = oldAgg == null ? record.timestamp() : Math.max(record.timestamp(), current.timestamp());
        put(record, ValueAndTimestamp.make(newAgg, newTs), window.start());
        Windowed<K> key = new Windowed<>(record.key(), window);
        track(key, newAgg, newTs);
        forwardUpdate(record, key, newAgg, oldAgg, newTs);
    }

    /** onWindowClose: emits the windows whose (inclusive) end is before the close time. */
    private void maybeEmitClosed(Record<K, V> record, long closeTime) {
        if (!shouldEmitFinal(closeTime)) {
            return;
        }
        long upper = closeTime - diff - 1;
        if (upper < 0) {
            return;
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
