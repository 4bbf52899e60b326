package dev.rill.streams.kstream;

import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serdes (and a name) of a stream-table join: the key, the stream's value and the table's value. The key and value
 * serdes are used for the repartition topic a join needs after a key change; the name names the join's processor and
 * that topic. A grace period needs a versioned table, which Rill does not have: a join given a non-zero grace period
 * is refused when it is built.
 */
public class Joined<K, V, VO> {
    protected final Serde<K> keySerde;
    protected final Serde<V> valueSerde;
    protected final Serde<VO> otherValueSerde;
    protected final String name;
    protected final Duration gracePeriod;

    protected Joined(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde, String name) {
        this(keySerde, valueSerde, otherValueSerde, name, null);
    }

    protected Joined(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde, String name,
                     Duration gracePeriod) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.name = name;
        this.gracePeriod = gracePeriod;
    }

    /** A copy of {@code joined} (for subclasses that read its fields). */
    protected Joined(Joined<K, V, VO> joined) {
        this(joined.keySerde, joined.valueSerde, joined.otherValueSerde, joined.name, joined.gracePeriod);
    }

    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, null);
    }

    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde,
                                                   String name) {
        if (name != null) {
            Named.validate(name);
        }
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name);
    }

    /** With a grace period (a non-zero one is refused when the join is built: it needs a versioned table). */
    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde,
                                                   String name, Duration gracePeriod) {
        if (name != null) {
            Named.validate(name);
        }
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    public static <K, V, VO> Joined<K, V, VO> keySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, null, null, null);
    }

    public static <K, V, VO> Joined<K, V, VO> valueSerde(Serde<V> valueSerde) {
        return new Joined<>(null, valueSerde, null, null);
    }

    public static <K, V, VO> Joined<K, V, VO> otherValueSerde(Serde<VO> otherValueSerde) {
        return new Joined<>(null, null, otherValueSerde, null);
    }

    public static <K, V, VO> Joined<K, V, VO> as(String name) {
        Named.validate(name);
        return new Joined<>(null, null, null, name);
    }

    public Joined<K, V, VO> withKeySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    public Joined<K, V, VO> withValueSerde(Serde<V> valueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    public Joined<K, V, VO> withOtherValueSerde(Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    public Joined<K, V, VO> withName(String name) {
        Named.validate(name);
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    /** A grace period for a versioned table; a non-zero one is refused when the join is built. */
    public Joined<K, V, VO> withGracePeriod(Duration gracePeriod) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, Objects.requireNonNull(gracePeriod,
                "gracePeriod"));
    }
}
