package dev.rill.streams.kstream;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/** Deserializes a key of a session window written by {@link SessionWindowedSerializer} (key, end, start). */
public class SessionWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    /** Config of the inner serde's class, when the no-argument constructor is used. */
    public static final String WINDOWED_INNER_DESERIALIZER_CLASS = "windowed.inner.deserializer.class";

    private Deserializer<T> inner;

    /** A deserializer whose inner one comes from {@link #WINDOWED_INNER_DESERIALIZER_CLASS} at {@link #configure}. */
    public SessionWindowedDeserializer() {
    }

    public SessionWindowedDeserializer(Deserializer<T> inner) {
        this.inner = inner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        Serde<?> configured = WindowedInner.serde(configs, WINDOWED_INNER_DESERIALIZER_CLASS);
        if (configured != null) {
            if (inner != null) {
                throw new IllegalArgumentException("The inner deserializer of SessionWindowedDeserializer was given "
                        + "to the constructor and in " + WINDOWED_INNER_DESERIALIZER_CLASS + ": give it once");
            }
            inner = (Deserializer<T>) configured.deserializer();
        }
        if (inner == null) {
            throw WindowedInner.missing("deserializer", WINDOWED_INNER_DESERIALIZER_CLASS);
        }
        inner.configure(configs, isKey);
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        if (inner == null) {
            throw WindowedInner.missing("deserializer", WINDOWED_INNER_DESERIALIZER_CLASS);
        }
        if (data.length < 16) {
            throw new org.apache.kafka.common.errors.SerializationException("A session-windowed key has at least 16 "
                    + "bytes but this one has " + data.length + "; check that the topic holds session-windowed keys");
        }
        T key = inner.deserialize(topic, Arrays.copyOf(data, data.length - 16));
        ByteBuffer b = ByteBuffer.wrap(data);
        long end = b.getLong(data.length - 16);
        long start = b.getLong(data.length - 8);
        return new Windowed<>(key, new SessionWindow(start, end));
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
