package dev.rill.streams.kstream;

import org.apache.kafka.common.serialization.Serde;

/** Serdes (and a name) of a stream-table join: the key, the stream's value and the table's value. */
public class Joined<K, V, VO> {
    protected final Serde<K> keySerde;
    protected final Serde<V> valueSerde;
    protected final Serde<VO> otherValueSerde;
    protected final String name;

    protected Joined(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde, String name) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.name = name;
    }

    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, null);
    }

    public static <K, V, VO> Joined<K, V, VO> as(String name) {
        Named.validate(name);
        return new Joined<>(null, null, null, name);
    }

    public Joined<K, V, VO> withName(String name) {
        Named.validate(name);
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }
}
