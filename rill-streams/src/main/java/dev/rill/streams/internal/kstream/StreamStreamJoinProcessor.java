package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.internal.metrics.DroppedRecordsSensor;
import dev.rill.streams.kstream.ValueJoinerWithKey;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a stream-stream join. A record arriving on this side joins every record of the other side's window
 * store with the same key and a timestamp in {@code [t - before, t + after]} (bounds seen from this side); each
 * result has the larger of the two timestamps.
 *
 * <p>On an outer side, a record without partner either gives {@code joiner(key, value, null)} at once, when its
 * window has already closed or the join has no outer store (windows from the deprecated {@code JoinWindows.of}), or
 * waits in the {@link OuterJoinBuffer} shared by both sides. A record joined later removes its partners from the
 * buffer; waiting records whose window closed (stream time passed their timestamp plus the window bound plus grace)
 * are emitted, oldest first, when a record advances stream time — at most once per
 * {@link JoinTimeTracker#EMIT_INTERVAL_CONFIG} of wall-clock time, as in Kafka Streams. Those results carry the
 * headers of the record that triggered the scan.
 *
 * <p>Records with a null key or value cannot join and are dropped (counted in {@code dropped-records}), but a null-key
 * record on an outer side gives {@code joiner(null, value, null)} at once (KIP-962). Both count for stream time.
 */
final class StreamStreamJoinProcessor<K, VThis, VOther, VOut> extends DslProcessor<K, VThis, K, VOut> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamStreamJoinProcessor.class);

    /** The join's fixed parts, the same for both sides but for who is left. */
    record Spec<K>(String otherStore, String outerStore, long beforeMs, long afterMs, long graceMs,
                   boolean spuriousResultFix, Serde<K> keySerde, Serde<?> leftSerde, Serde<?> rightSerde,
                   JoinTimeTracker.PerTask trackers) {
    }

    private final Spec<K> spec;
    private final boolean leftSide;
    private final boolean outer;
    private final long joinBeforeMs;
    private final long joinAfterMs;
    private final ValueJoinerWithKey<? super K, ? super VThis, ? super VOther, ? extends VOut> joiner;
    private WindowStore<K, VOther> otherWindow;
    private OuterJoinBuffer<K, Object, Object> buffer;
    private JoinTimeTracker time;
    private DroppedRecordsSensor dropped;

    StreamStreamJoinProcessor(Spec<K> spec, boolean leftSide, boolean outer,
                              ValueJoinerWithKey<? super K, ? super VThis, ? super VOther, ? extends VOut> joiner) {
        this.spec = spec;
        this.leftSide = leftSide;
        this.outer = outer;
        this.joinBeforeMs = leftSide ? spec.beforeMs() : spec.afterMs();
        this.joinAfterMs = leftSide ? spec.afterMs() : spec.beforeMs();
        this.joiner = joiner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<K, VOut> context) {
        super.init(context);
        otherWindow = context.getStateStore(spec.otherStore());
        time = spec.trackers().get(context.taskId());
        dropped = context instanceof DroppedRecordsSensor s ? s : () -> { };
        if (spec.outerStore() != null && spec.spuriousResultFix()) {
            KeyValueStore<Bytes, byte[]> store = context.getStateStore(spec.outerStore());
            buffer = new OuterJoinBuffer<>(store, orDefault(spec.keySerde(), context.keySerde()),
                    (Serde<Object>) orDefault(spec.leftSerde(), context.valueSerde()),
                    (Serde<Object>) orDefault(spec.rightSerde(), context.valueSerde()), spec.outerStore());
            time.emitIntervalMs = JoinTimeTracker.emitInterval(context.appConfigs());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> orDefault(Serde<?> given, Serde<?> fallback) {
        Serde<?> serde = given != null ? given : fallback;
        if (serde == null) {
            throw new dev.rill.streams.errors.StreamsException("A left/outer stream-stream join needs serdes for the "
                    + "key and both values to buffer unmatched records, but one is not set and there is no default. "
                    + "Pass them with StreamJoined.with(keySerde, valueSerde, otherValueSerde) or set "
                    + "default.key.serde / default.value.serde.");
        }
        return (Serde<T>) serde;
    }

    @Override
    public void process(Record<K, VThis> record) {
        long timestamp = record.timestamp();
        time.advanceStreamTime(timestamp);
        if (outer && record.key() == null && record.value() != null) {
            context.forward(record.withValue(joiner.apply(null, record.value(), null)));
            return;
        }
        if (record.key() == null || record.value() == null) {
            skip(record);
            return;
        }
        if (buffer != null && timestamp == time.streamTime) {
            emitClosedWindows(record);
        }
        long timeFrom = Math.max(0L, timestamp - joinBeforeMs);
        long timeTo = Math.max(0L, timestamp + joinAfterMs);
        boolean unmatched = outer;
        try (WindowStoreIterator<VOther> partners = otherWindow.fetch(record.key(), timeFrom, timeTo)) {
            while (partners.hasNext()) {
                unmatched = false;
                KeyValue<Long, VOther> partner = partners.next();
                if (buffer != null) {
                    buffer.remove(!leftSide, record.key(), partner.key);
                }
                context.forward(record.withValue(joiner.apply(record.key(), record.value(), partner.value))
                        .withTimestamp(Math.max(timestamp, partner.key)));
            }
        }
        if (unmatched) {
            if (buffer == null || timeTo < time.streamTime) {
                context.forward(record.withValue(joiner.apply(record.key(), record.value(), null)));
            } else {
                time.updateMinTime(timestamp);
                buffer.add(leftSide, record.key(), timestamp, record.value());
            }
        }
    }

    private void skip(Record<K, VThis> record) {
        var metadata = context.recordMetadata();
        if (metadata.isPresent()) {
            LOG.warn("Skipping record due to null key or value. topic=[{}] partition=[{}] offset=[{}]",
                    metadata.get().topic(), metadata.get().partition(), metadata.get().offset());
        } else {
            LOG.warn("Skipping record due to null key or value. Topic, partition, and offset not known.");
        }
        dropped.recordDroppedRecord();
    }

    /**
     * Emits the waiting records whose window has closed, in buffer order, stopping once both sides reach a record
     * whose window is still open; the triggering record lends its headers.
     */
    private void emitClosedWindows(Record<K, VThis> trigger) {
        if (time.minTime + joinAfterMs + spec.graceMs() >= time.streamTime) {
            return;
        }
        long now = context.currentSystemTimeMs();
        if (now < time.nextTimeToEmit) {
            return;
        }
        time.nextTimeToEmit = now + time.emitIntervalMs;
        time.minTime = Long.MAX_VALUE;
        java.util.List<Bytes> emitted = new java.util.ArrayList<>();
        Bytes previous = null;
        boolean leftOpen = false;
        boolean rightOpen = false;
        for (OuterJoinBuffer.Waiting<K, Object, Object> waiting : buffer.all()) {
            time.minTime = waiting.timestamp();
            if (leftOpen && rightOpen) {
                break;
            }
            long lookBack = waiting.left() ? spec.afterMs() : spec.beforeMs();
            if (time.minTime + lookBack + spec.graceMs() >= time.streamTime) {
                if (waiting.left()) {
                    leftOpen = true;
                } else {
                    rightOpen = true;
                }
                continue;
            }
            forwardUnmatched(trigger, waiting);
            if (previous != null && !previous.equals(waiting.storeKey())) {
                emitted.add(previous);
            }
            previous = waiting.storeKey();
        }
        if (previous != null) {
            emitted.add(previous);
        }
        emitted.forEach(buffer::remove);
    }

    @SuppressWarnings("unchecked")
    private void forwardUnmatched(Record<K, VThis> trigger, OuterJoinBuffer.Waiting<K, Object, Object> waiting) {
        // whichever side this processor is, the result is joiner(key, left value, right value)
        VThis thisValue = (VThis) (leftSide ? waiting.leftValue() : waiting.rightValue());
        VOther otherValue = (VOther) (leftSide ? waiting.rightValue() : waiting.leftValue());
        VOut value = joiner.apply(waiting.key(), thisValue, otherValue);
        context.forward(trigger.withKey(waiting.key()).withValue(value).withTimestamp(waiting.timestamp()));
    }

    @Override
    public void close() {
        spec.trackers().remove(context.taskId());
    }
}
