package dev.rill.streams.kstream;

import dev.rill.streams.processor.StreamPartitioner;
import org.apache.kafka.common.serialization.Serde;

/**
 * How {@link KStream#repartition(Repartitioned)} works: the name (the topic is {@code <application.id>-<name>-repartition}),
 * serdes, partition count (default: that of the stream's input topics) and partitioner.
 */
public class Repartitioned<K, V> {
    protected final String name;
    protected final Serde<K> keySerde;
    protected final Serde<V> valueSerde;
    protected final Integer numberOfPartitions;
    protected final StreamPartitioner<K, V> partitioner;

    protected Repartitioned(String name, Serde<K> keySerde, Serde<V> valueSerde, Integer numberOfPartitions,
                            StreamPartitioner<K, V> partitioner) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.numberOfPartitions = numberOfPartitions;
        this.partitioner = partitioner;
    }

    protected Repartitioned(Repartitioned<K, V> other) {
        this(other.name, other.keySerde, other.valueSerde, other.numberOfPartitions, other.partitioner);
    }

    public static <K, V> Repartitioned<K, V> as(String name) {
        Named.validate(name);
        return new Repartitioned<>(name, null, null, null, null);
    }

    public static <K, V> Repartitioned<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Repartitioned<>(null, keySerde, valueSerde, null, null);
    }

    public static <K, V> Repartitioned<K, V> numberOfPartitions(int numberOfPartitions) {
        checkPartitions(numberOfPartitions);
        return new Repartitioned<>(null, null, null, numberOfPartitions, null);
    }

    public static <K, V> Repartitioned<K, V> streamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(null, null, null, null, partitioner);
    }

    public Repartitioned<K, V> withName(String name) {
        Named.validate(name);
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    public Repartitioned<K, V> withKeySerde(Serde<K> keySerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    public Repartitioned<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    public Repartitioned<K, V> withNumberOfPartitions(int numberOfPartitions) {
        checkPartitions(numberOfPartitions);
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    public Repartitioned<K, V> withStreamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    private static void checkPartitions(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("numberOfPartitions must be at least 1 but was " + n);
        }
    }
}
