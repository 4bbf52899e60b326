package dev.rill.streams.internal.kstream;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.serde.DefaultSerdeAware;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Carries a {@link Change} through a repartition topic: {@code [int newLength|-1][new][int oldLength|-1][old]}, so
 * the re-grouping aggregation receives both the value to add and the value to subtract. Without an explicit value
 * serde it uses {@code default.value.serde}.
 */
final class ChangeSerde<V> implements Serde<Change<V>> {
    private volatile Serde<V> inner;

    ChangeSerde(Serde<V> inner) {
        this.inner = inner;
    }

    @SuppressWarnings("unchecked")
    private Serde<V> inner() {
        Serde<V> s = inner;
        if (s == null) {
            throw new StreamsException("A KTable groupBy has no value serde: none was given with Grouped.with(...) and "
                    + "default.value.serde is not set. Give one of them.");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private void useDefault(Serde<?> d) {
        if (inner == null) {
            inner = (Serde<V>) d;
        }
    }

    private final class ChangeSerializer implements Serializer<Change<V>>, DefaultSerdeAware {
        @Override
        public void useDefaultValueSerde(Serde<?> defaultValueSerde) {
            useDefault(defaultValueSerde);
        }

        @Override
        public byte[] serialize(String topic, Change<V> c) {
            if (c == null) {
                return null;
            }
            Serializer<V> s = inner().serializer();
            byte[] n = c.newValue() == null ? null : s.serialize(topic, c.newValue());
            byte[] o = c.oldValue() == null ? null : s.serialize(topic, c.oldValue());
            ByteBuffer b = ByteBuffer.allocate(8 + (n == null ? 0 : n.length) + (o == null ? 0 : o.length));
            put(b, n);
            put(b, o);
            return b.array();
        }
    }

    private final class ChangeDeserializer implements Deserializer<Change<V>>, DefaultSerdeAware {
        @Override
        public void useDefaultValueSerde(Serde<?> defaultValueSerde) {
            useDefault(defaultValueSerde);
        }

        @Override
        public Change<V> deserialize(String topic, byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            Deserializer<V> d = inner().deserializer();
            ByteBuffer b = ByteBuffer.wrap(bytes);
            V n = get(b, d, topic);
            V o = get(b, d, topic);
            return new Change<>(n, o);
        }
    }

    @Override
    public Serializer<Change<V>> serializer() {
        return new ChangeSerializer();
    }

    @Override
    public Deserializer<Change<V>> deserializer() {
        return new ChangeDeserializer();
    }

    private static void put(ByteBuffer b, byte[] v) {
        b.putInt(v == null ? -1 : v.length);
        if (v != null) {
            b.put(v);
        }
    }

    private static <V> V get(ByteBuffer b, Deserializer<V> d, String topic) {
        int len = b.getInt();
        if (len < 0) {
            return null;
        }
        byte[] v = new byte[len];
        b.get(v);
        return d.deserialize(topic, v);
    }
}
