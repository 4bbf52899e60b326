package dev.rill.streams.kstream;

import dev.rill.streams.AutoOffsetReset;
import dev.rill.streams.processor.TimestampExtractor;
import org.apache.kafka.common.serialization.Serde;

/**
 * How a stream is read: serdes, timestamp extractor, offset reset policy and the source node's name. Null fields
 * mean the defaults (the reset policy's default is the main consumer's {@code auto.offset.reset}).
 */
public class Consumed<K, V> {
    protected final Serde<K> keySerde;
    protected final Serde<V> valueSerde;
    protected final TimestampExtractor timestampExtractor;
    protected final AutoOffsetReset resetPolicy;
    protected final String processorName;

    protected Consumed(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor extractor, String processorName) {
        this(keySerde, valueSerde, extractor, null, processorName);
    }

    private Consumed(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor extractor, AutoOffsetReset resetPolicy,
                     String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestampExtractor = extractor;
        this.resetPolicy = resetPolicy;
        this.processorName = processorName;
    }

    protected Consumed(Consumed<K, V> other) {
        this(other.keySerde, other.valueSerde, other.timestampExtractor, other.resetPolicy, other.processorName);
    }

    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, null, null, null);
    }

    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor extractor) {
        return new Consumed<>(keySerde, valueSerde, extractor, null, null);
    }

    /** Serdes, timestamp extractor and reset policy at once; any may be null for the default. */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor extractor,
                                             AutoOffsetReset resetPolicy) {
        return new Consumed<>(keySerde, valueSerde, extractor, resetPolicy, null);
    }

    public static <K, V> Consumed<K, V> with(TimestampExtractor extractor) {
        return new Consumed<>(null, null, extractor, null, null);
    }

    /** Only a reset policy: where the source starts on a partition without a committed offset. */
    public static <K, V> Consumed<K, V> with(AutoOffsetReset resetPolicy) {
        return new Consumed<>(null, null, null, resetPolicy, null);
    }

    public static <K, V> Consumed<K, V> as(String processorName) {
        Named.validate(processorName);
        return new Consumed<>(null, null, null, null, processorName);
    }

    public Consumed<K, V> withKeySerde(Serde<K> keySerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    public Consumed<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    public Consumed<K, V> withTimestampExtractor(TimestampExtractor extractor) {
        return new Consumed<>(keySerde, valueSerde, extractor, resetPolicy, processorName);
    }

    /** The reset policy of the source (null: the main consumer's {@code auto.offset.reset}). */
    public Consumed<K, V> withOffsetResetPolicy(AutoOffsetReset resetPolicy) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    public Consumed<K, V> withName(String processorName) {
        Named.validate(processorName);
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }
}
