package dev.rill.streams.internal.state;

import dev.rill.streams.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Stores a value with its timestamp as 8 bytes of timestamp followed by the value's bytes (Kafka Streams' layout). */
public final class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {
    private final Serde<V> inner;

    public ValueAndTimestampSerde(Serde<V> inner) {
        this.inner = inner;
    }

    public Serde<V> inner() {
        return inner;
    }

    /** The plain value of stored bytes, without the timestamp. */
    public static byte[] rawValue(byte[] stored) {
        if (stored == null) {
            return null;
        }
        byte[] out = new byte[stored.length - 8];
        System.arraycopy(stored, 8, out, 0, out.length);
        return out;
    }

    public static long timestamp(byte[] stored) {
        return ByteBuffer.wrap(stored).getLong();
    }

    @Override
    public Serializer<ValueAndTimestamp<V>> serializer() {
        Serializer<V> s = inner.serializer();
        return (topic, vt) -> {
            if (vt == null) {
                return null;
            }
            byte[] v = s.serialize(topic, vt.value());
            return ByteBuffer.allocate(8 + v.length).putLong(vt.timestamp()).put(v).array();
        };
    }

    @Override
    public Deserializer<ValueAndTimestamp<V>> deserializer() {
        Deserializer<V> d = inner.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            return ValueAndTimestamp.make(d.deserialize(topic, rawValue(bytes)), timestamp(bytes));
        };
    }
}
