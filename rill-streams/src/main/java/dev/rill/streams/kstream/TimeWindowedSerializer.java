package dev.rill.streams.kstream;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes a key of a time window as Kafka Streams does: the inner key's bytes followed by the window start as an
 * 8-byte big-endian long (the window end is not written; the deserializer gets it from the window size).
 */
public class TimeWindowedSerializer<T> implements Serializer<Windowed<T>> {
    /** Config of the inner serde's class, when the no-argument constructor is used. */
    public static final String WINDOWED_INNER_SERIALIZER_CLASS = "windowed.inner.serializer.class";

    private Serializer<T> inner;

    /** A serializer whose inner one comes from {@link #WINDOWED_INNER_SERIALIZER_CLASS} at {@link #configure}. */
    public TimeWindowedSerializer() {
    }

    public TimeWindowedSerializer(Serializer<T> inner) {
        this.inner = inner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        Serde<?> configured = WindowedInner.serde(configs, WINDOWED_INNER_SERIALIZER_CLASS);
        if (configured != null) {
            if (inner != null) {
                throw new IllegalArgumentException("The inner serializer of TimeWindowedSerializer was given to the "
                        + "constructor and in " + WINDOWED_INNER_SERIALIZER_CLASS + ": give it once");
            }
            inner = (Serializer<T>) configured.serializer();
        }
        if (inner == null) {
            throw WindowedInner.missing("serializer", WINDOWED_INNER_SERIALIZER_CLASS);
        }
        inner.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        if (data == null) {
            return null;
        }
        byte[] key = serializeBaseKey(topic, data);
        return ByteBuffer.allocate(key.length + 8).put(key).putLong(data.window().start()).array();
    }

    /** The inner key's bytes alone (what the partitioner of a windowed key uses). */
    public byte[] serializeBaseKey(String topic, Windowed<T> data) {
        if (inner == null) {
            throw WindowedInner.missing("serializer", WINDOWED_INNER_SERIALIZER_CLASS);
        }
        return inner.serialize(topic, data.key());
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }
}
