package dev.rill.streams.kstream;

import org.apache.kafka.common.serialization.Serde;

/**
 * How a stream is grouped: the name (a repartition topic, if one is needed, is
 * {@code <application.id>-<name>-repartition}) and the serdes of keys and values.
 */
public class Grouped<K, V> {
    protected final String name;
    protected final Serde<K> keySerde;
    protected final Serde<V> valueSerde;

    protected Grouped(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    protected Grouped(Grouped<K, V> other) {
        this(other.name, other.keySerde, other.valueSerde);
    }

    public static <K, V> Grouped<K, V> as(String name) {
        Named.validate(name);
        return new Grouped<>(name, null, null);
    }

    public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(null, keySerde, valueSerde);
    }

    public static <K, V> Grouped<K, V> with(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public static <K, V> Grouped<K, V> keySerde(Serde<K> keySerde) {
        return new Grouped<>(null, keySerde, null);
    }

    public static <K, V> Grouped<K, V> valueSerde(Serde<V> valueSerde) {
        return new Grouped<>(null, null, valueSerde);
    }

    public Grouped<K, V> withName(String name) {
        Named.validate(name);
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public Grouped<K, V> withKeySerde(Serde<K> keySerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public Grouped<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }
}
