package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.WindowedSerdes;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The key serde of a windowed aggregation's table: {@link WindowedSerdes}' time-window or session layout over the
 * grouping's key serde, or over {@code default.key.serde} when none was given (resolved when the first operator
 * after the aggregation that needs it starts, e.g. a suppression buffer).
 */
final class WindowedKeySerde<K> implements Serde<Windowed<K>> {
    private final long windowSize;
    private final boolean session;
    private volatile Serde<Windowed<K>> delegate;

    private WindowedKeySerde(Serde<K> inner, long windowSize, boolean session) {
        this.windowSize = windowSize;
        this.session = session;
        if (inner != null) {
            delegate = wrap(inner);
        }
    }

    static <K> WindowedKeySerde<K> timeWindowed(Serde<K> inner, long windowSize) {
        return new WindowedKeySerde<>(inner, windowSize, false);
    }

    static <K> WindowedKeySerde<K> sessionWindowed(Serde<K> inner) {
        return new WindowedKeySerde<>(inner, 0, true);
    }

    private Serde<Windowed<K>> wrap(Serde<K> inner) {
        return session ? new WindowedSerdes.SessionWindowedSerde<>(inner)
                : new WindowedSerdes.TimeWindowedSerde<>(inner, windowSize);
    }

    /** Uses the configured default key serde for the key when no serde was given. */
    @SuppressWarnings("unchecked")
    void useDefaultKeySerde(Serde<?> defaultKeySerde) {
        if (delegate == null && defaultKeySerde != null) {
            delegate = wrap((Serde<K>) defaultKeySerde);
        }
    }

    private Serde<Windowed<K>> delegate() {
        Serde<Windowed<K>> d = delegate;
        if (d == null) {
            throw new IllegalStateException("A windowed table has no key serde: give one with Grouped.with(...) or "
                    + "Materialized.with(...), or set default.key.serde.");
        }
        return d;
    }

    @Override
    public Serializer<Windowed<K>> serializer() {
        return (topic, data) -> delegate().serializer().serialize(topic, data);
    }

    @Override
    public Deserializer<Windowed<K>> deserializer() {
        return (topic, data) -> delegate().deserializer().deserialize(topic, data);
    }
}
