package dev.rill.streams.internal.kstream;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.metrics.DroppedRecordsSensor;
import dev.rill.streams.internal.processor.CommittedProcessorMetadata;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the windowed aggregations (time, sliding, session) share: the stream time this processor has observed, the
 * dropping of null-key and late records (counted in the task's dropped-records metric), forwarding of updates under
 * {@link EmitStrategy#onWindowUpdate()}, and the throttle and emitted-up-to bookkeeping of
 * {@link EmitStrategy#onWindowClose()}.
 *
 * <p>Stream time is the largest timestamp this processor has seen, as in Kafka Streams (not the task's stream time,
 * which other sub-topology inputs may have moved). Under onWindowClose, the processor keeps the windows it wrote but
 * did not emit yet ({@link OpenWindows}), so an emission takes the closed ones from its head: O(newly closed
 * windows), not a store scan.
 */
abstract class WindowAggregateProcessor<K, V, VA> implements Processor<K, V, Windowed<K>, Change<VA>> {
    /** Kafka Streams' internal config: the least wall-clock time between two onWindowClose emissions. */
    static final String EMIT_INTERVAL_CONFIG = "__emit.interval.ms.kstreams.windowed.aggregation__";
    private static final long NO_TIME = -1L;

    private final Logger log = LoggerFactory.getLogger(getClass());
    final String storeName;
    private final EmitStrategy.StrategyType emit;
    private Serde<K> keySerde;
    /** The windows written but not emitted yet (onWindowClose only). */
    OpenWindows<K, VA> open;
    ProcessorContext<Windowed<K>, Change<VA>> context;
    long observedStreamTime = NO_TIME;
    /** The close time up to which final results were emitted (onWindowClose), or -1 before the first emission. */
    long emittedUpTo = NO_TIME;
    private long emitIntervalMs;
    private long nextEmitWallClock;
    /** Whether the store's write cache forwards updates (then the processor writes through it and forwards nothing). */
    boolean cached;

    /**
     * The store's retention, for onWindowClose of time and sliding windows: Kafka Streams emits such a window only if
     * its store still shows it, i.e. its start is after the newest window start written minus the retention.
     */
    private final long retentionMs;
    private long newestStartWritten = NO_TIME;

    WindowAggregateProcessor(String storeName, EmitStrategy emitStrategy, Serde<K> keySerde, long retentionMs) {
        this.storeName = storeName;
        this.emit = emitStrategy.type();
        this.keySerde = keySerde;
        this.retentionMs = retentionMs;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<Windowed<K>, Change<VA>> context) {
        this.context = context;
        Object interval = context.appConfigs().get(EMIT_INTERVAL_CONFIG);
        emitIntervalMs = interval == null ? 1000L : Long.parseLong(interval.toString());
        cached = openStore(emit == EmitStrategy.StrategyType.ON_WINDOW_UPDATE);
        if (emitsOnClose()) {
            if (keySerde == null) {
                keySerde = (Serde<K>) context.keySerde();
            }
            if (keySerde == null) {
                throw new StreamsException("onWindowClose aggregation into " + storeName + " needs a key serde to "
                        + "order the closed windows; set default.key.serde or pass one with Grouped.with(...) or "
                        + "Materialized.with(...).");
            }
            open = new OpenWindows<>(sessions());
            open.init(keySerde.serializer(), storeName);
            rebuildOpenWindows();
            if (context instanceof CommittedProcessorMetadata committed) {
                metadata = committed;
                Long close = committed.processorMetadata(EMITTED_CLOSE + storeName);
                Long upper = committed.processorMetadata(EMITTED_UPPER + storeName);
                if (close != null && upper != null) {
                    // the windows emitted before the restart are still in the store: they were final already
                    open.takeUpTo(upper);
                    emittedUpTo = close;
                }
            }
        }
    }

    /** Keys of the processor metadata (committed with the input offsets) that survive a restart or a task move. */
    private static final String EMITTED_CLOSE = "emitted-close:";
    private static final String EMITTED_UPPER = "emitted-upper:";
    private CommittedProcessorMetadata metadata;

    /** Whether windows are sessions (ordered by end for emission). */
    abstract boolean sessions();

    /**
     * Tracks every window of the store (when the task starts); those emitted before a restart are then dropped again
     * with the emitted-up-to time committed with the input offsets.
     */
    abstract void rebuildOpenWindows();

    /** Notes a window's latest value for onWindowClose (no-op otherwise). */
    void track(Windowed<K> key, VA value, long timestamp) {
        if (open != null) {
            open.put(key, value, timestamp);
            newestStartWritten = Math.max(newestStartWritten, key.window().start());
        }
    }

    /** Forgets a merged-away session for onWindowClose (no-op otherwise). */
    void untrack(Windowed<K> key) {
        if (open != null) {
            open.remove(key);
        }
    }

    /** Emits, in Kafka Streams' order, every open window whose order time is at most {@code upper}. */
    void emitUpTo(Record<K, V> trigger, long upper, long closeTime) {
        for (OpenWindows.Pending<K, VA> p : open.takeUpTo(upper)) {
            // a time window past the store's retention is hidden from Kafka Streams' emission query: it is never emitted
            if (sessions() || p.key().window().start() > newestStartWritten - retentionMs) {
                forwardFinal(trigger, p.key(), p.value(), p.timestamp());
            }
        }
        emittedUpTo = closeTime;
        if (metadata != null) {
            metadata.putProcessorMetadata(EMITTED_CLOSE + storeName, closeTime);
            metadata.putProcessorMetadata(EMITTED_UPPER + storeName, upper);
        }
    }

    /**
     * Opens the store; when {@code cacheForwarding} and the store has an active write cache, makes the cache forward
     * the updates. Returns whether it does.
     */
    abstract boolean openStore(boolean cacheForwarding);

    boolean emitsOnClose() {
        return emit == EmitStrategy.StrategyType.ON_WINDOW_CLOSE;
    }

    void observe(long timestamp) {
        observedStreamTime = Math.max(observedStreamTime, timestamp);
    }

    /** Skips a record without a key, as Kafka Streams does for every windowed aggregation. */
    boolean skipNullKey(Record<K, V> record) {
        if (record.key() != null) {
            return false;
        }
        log.debug("Skipping record with a null key in windowed aggregation into {} ({})", storeName, where());
        countDropped();
        return true;
    }

    /** Skips a record without a key or value (sliding windows, as in Kafka Streams). */
    boolean skipNullKeyOrValue(Record<K, V> record) {
        if (record.key() != null && record.value() != null) {
            return false;
        }
        log.debug("Skipping record with a null key or value in windowed aggregation into {} ({})", storeName, where());
        countDropped();
        return true;
    }

    /** Drops (and counts) the record for one window that closed before it arrived. */
    void dropLate(Record<K, V> record, String window, long windowEnd, long closeTime) {
        log.debug("Dropping record for closed window {} of store {} ({}, timestamp {}): the window closed at stream "
                        + "time {}, {} ms before this record's window end would have needed; grace period too short "
                        + "for this lateness", window, storeName, where(), record.timestamp(), closeTime,
                closeTime - windowEnd);
        countDropped();
    }

    private String where() {
        return context.recordMetadata().map(WindowAggregateProcessor::describe)
                .orElse("topic, partition and offset unknown");
    }

    private static String describe(RecordMetadata m) {
        return "topic " + m.topic() + ", partition " + m.partition() + ", offset " + m.offset();
    }

    private void countDropped() {
        if (context instanceof DroppedRecordsSensor sensor) {
            sensor.recordDroppedRecord();
        }
    }

    /** Forwards a window's new aggregate, unless results are only emitted on close or the cache forwards them. */
    void forwardUpdate(Record<K, V> record, Windowed<K> key, VA newAgg, VA oldAgg, long timestamp) {
        if (!emitsOnClose() && !cached) {
            context.forward(record.withKey(key).withValue(new Change<>(newAgg, oldAgg)).withTimestamp(timestamp));
        }
    }

    /** Forwards a window's final result (onWindowClose), with the headers of the record that triggered it. */
    void forwardFinal(Record<K, V> trigger, Windowed<K> key, VA value, long timestamp) {
        context.forward(new Record<>(key, new Change<>(value, null), timestamp, trigger.headers()));
    }

    /**
     * Whether an onWindowClose emission should run now: at most once per emit interval of wall-clock time, and only
     * when the close time moved past the last emission.
     */
    boolean shouldEmitFinal(long closeTime) {
        if (!emitsOnClose()) {
            return false;
        }
        long now = context.currentSystemTimeMs();
        if (now < nextEmitWallClock) {
            return false;
        }
        nextEmitWallClock = now + emitIntervalMs;
        return emittedUpTo == NO_TIME || emittedUpTo < closeTime;
    }

    /** Marks a window range in the string form of late-record logs: {@code [start,end)} or {@code [start,end]}. */
    static String range(Window w, boolean endInclusive) {
        return "[" + w.start() + "," + w.end() + (endInclusive ? "]" : ")");
    }
}
