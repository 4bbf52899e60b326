package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The records of a left/outer stream-stream join that found no partner yet, waiting for their window to close, in a
 * key-value byte store shared by both sides. A store key is {@code [timestamp: 8 bytes][side: 1 = left, 0 = right]
 * [serialized key]}, so a scan meets records in timestamp order, right side before left at equal times, then by key
 * bytes — the order in which Kafka Streams emits them. Several records with the same key, side and timestamp share
 * one store entry, a list of {@code [length: 4 bytes][serialized value]} in arrival order.
 */
final class OuterJoinBuffer<K, VL, VR> {
    private final KeyValueStore<Bytes, byte[]> store;
    private final Serde<K> keySerde;
    private final Serde<VL> leftSerde;
    private final Serde<VR> rightSerde;
    private final String topic;

    OuterJoinBuffer(KeyValueStore<Bytes, byte[]> store, Serde<K> keySerde, Serde<VL> leftSerde, Serde<VR> rightSerde,
                    String topic) {
        this.store = store;
        this.keySerde = keySerde;
        this.leftSerde = leftSerde;
        this.rightSerde = rightSerde;
        this.topic = topic;
    }

    /** One waiting record: the left value or the right value is null, as its side says. */
    record Waiting<K, VL, VR>(Bytes storeKey, K key, long timestamp, boolean left, VL leftValue, VR rightValue) {
    }

    void add(boolean left, K key, long timestamp, Object value) {
        Bytes storeKey = storeKey(left, key, timestamp);
        byte[] element = left ? leftSerde.serializer().serialize(topic, cast(value))
                : rightSerde.serializer().serialize(topic, cast(value));
        byte[] old = store.get(storeKey);
        int oldLength = old == null ? 0 : old.length;
        ByteBuffer list = ByteBuffer.allocate(oldLength + 4 + element.length);
        if (old != null) {
            list.put(old);
        }
        list.putInt(element.length).put(element);
        store.put(storeKey, list.array());
    }

    /** Forgets the records of one key, side and timestamp (they found a partner). */
    void remove(boolean left, K key, long timestamp) {
        Bytes storeKey = storeKey(left, key, timestamp);
        if (store.get(storeKey) != null) {
            store.delete(storeKey);
        }
    }

    void remove(Bytes storeKey) {
        store.delete(storeKey);
    }

    /** Every waiting record, in emission order (see the class comment); read it before changing the store. */
    Iterable<Waiting<K, VL, VR>> all() {
        return () -> new java.util.Iterator<>() {
            private final KeyValueIterator<Bytes, byte[]> entries = store.all();
            private final List<Waiting<K, VL, VR>> pending = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == pending.size()) {
                    if (!entries.hasNext()) {
                        entries.close();
                        return false;
                    }
                    pending.clear();
                    next = 0;
                    decode(entries.next(), pending);
                }
                return true;
            }

            @Override
            public Waiting<K, VL, VR> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return pending.get(next++);
            }
        };
    }

    private void decode(KeyValue<Bytes, byte[]> entry, List<Waiting<K, VL, VR>> out) {
        ByteBuffer keyBytes = ByteBuffer.wrap(entry.key.get());
        long timestamp = keyBytes.getLong();
        boolean left = keyBytes.get() == 1;
        byte[] serializedKey = new byte[keyBytes.remaining()];
        keyBytes.get(serializedKey);
        K key = keySerde.deserializer().deserialize(topic, serializedKey);
        ByteBuffer list = ByteBuffer.wrap(entry.value);
        while (list.hasRemaining()) {
            byte[] element = new byte[list.getInt()];
            list.get(element);
            if (left) {
                out.add(new Waiting<>(entry.key, key, timestamp, true,
                        leftSerde.deserializer().deserialize(topic, element), null));
            } else {
                out.add(new Waiting<>(entry.key, key, timestamp, false, null,
                        rightSerde.deserializer().deserialize(topic, element)));
            }
        }
    }

    private Bytes storeKey(boolean left, K key, long timestamp) {
        byte[] serializedKey = keySerde.serializer().serialize(topic, key);
        return Bytes.wrap(ByteBuffer.allocate(8 + 1 + serializedKey.length).putLong(timestamp)
                .put((byte) (left ? 1 : 0)).put(serializedKey).array());
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
