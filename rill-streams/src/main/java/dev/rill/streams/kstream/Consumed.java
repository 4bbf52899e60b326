package dev.rill.streams.kstream;

import dev.rill.streams.processor.TimestampExtractor;
import org.apache.kafka.common.serialization.Serde;

/** How a stream is read: serdes, timestamp extractor and the source node's name. Null fields mean the defaults. */
public class Consumed<K, V> {
    protected final Serde<K> keySerde;
    protected final Serde<V> valueSerde;
    protected final TimestampExtractor timestampExtractor;
    protected final String processorName;

    protected Consumed(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor extractor, String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestampExtractor = extractor;
        this.processorName = processorName;
    }

    protected Consumed(Consumed<K, V> other) {
        this(other.keySerde, other.valueSerde, other.timestampExtractor, other.processorName);
    }

    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, null, null);
    }

    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor extractor) {
        return new Consumed<>(keySerde, valueSerde, extractor, null);
    }

    public static <K, V> Consumed<K, V> with(TimestampExtractor extractor) {
        return new Consumed<>(null, null, extractor, null);
    }

    public static <K, V> Consumed<K, V> as(String processorName) {
        Named.validate(processorName);
        return new Consumed<>(null, null, null, processorName);
    }

    public Consumed<K, V> withKeySerde(Serde<K> keySerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }

    public Consumed<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }

    public Consumed<K, V> withTimestampExtractor(TimestampExtractor extractor) {
        return new Consumed<>(keySerde, valueSerde, extractor, processorName);
    }

    public Consumed<K, V> withName(String processorName) {
        Named.validate(processorName);
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }
}
