package dev.rill.streams.kstream;

import dev.rill.streams.processor.StreamPartitioner;
import org.apache.kafka.common.serialization.Serde;

/** How a stream is written: serdes, partitioner and the sink node's name. Null fields mean the defaults. */
public class Produced<K, V> {
    protected final Serde<K> keySerde;
    protected final Serde<V> valueSerde;
    protected final StreamPartitioner<? super K, ? super V> partitioner;
    protected final String processorName;

    protected Produced(Serde<K> keySerde, Serde<V> valueSerde, StreamPartitioner<? super K, ? super V> partitioner,
                       String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.partitioner = partitioner;
        this.processorName = processorName;
    }

    protected Produced(Produced<K, V> other) {
        this(other.keySerde, other.valueSerde, other.partitioner, other.processorName);
    }

    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, null, null);
    }

    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
                                             StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(keySerde, valueSerde, partitioner, null);
    }

    public static <K, V> Produced<K, V> keySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, null, null, null);
    }

    public static <K, V> Produced<K, V> valueSerde(Serde<V> valueSerde) {
        return new Produced<>(null, valueSerde, null, null);
    }

    public static <K, V> Produced<K, V> streamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(null, null, partitioner, null);
    }

    public static <K, V> Produced<K, V> as(String processorName) {
        Named.validate(processorName);
        return new Produced<>(null, null, null, processorName);
    }

    public Produced<K, V> withKeySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    public Produced<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    public Produced<K, V> withStreamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    public Produced<K, V> withName(String processorName) {
        Named.validate(processorName);
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }
}
