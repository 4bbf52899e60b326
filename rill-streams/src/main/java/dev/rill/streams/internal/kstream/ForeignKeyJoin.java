package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The processors of a foreign-key KTable-KTable join. The left table sends a subscription (its key, keyed by the
 * foreign key) to the right table's partition; the right side keeps subscriptions in a store and answers each
 * subscription and each right-table change with responses keyed by the left key; the left side joins a response with
 * its current value if that value still points to the answered foreign key.
 *
 * <p>Wire formats (bytes, through two repartition topics): subscription {@code [op][int len][left key]} keyed by the
 * serialized foreign key; response {@code [int len][foreign key][int len|-1][right value]} keyed by the serialized
 * left key. Subscription store keys: {@code [int len][foreign key][left key]}.
 */
final class ForeignKeyJoin {
    static final byte SUBSCRIBE = 1;
    static final byte UNSUBSCRIBE = 2;

    private ForeignKeyJoin() {
    }

    @SuppressWarnings("unchecked")
    static <T> Serde<T> orDefault(Serde<T> given, Serde<?> fallback) {
        return given != null ? given : (Serde<T>) fallback;
    }

    static byte[] lengthPrefixed(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += 4 + (p == null ? 0 : p.length);
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        for (byte[] p : parts) {
            b.putInt(p == null ? -1 : p.length);
            if (p != null) {
                b.put(p);
            }
        }
        return b.array();
    }

    static byte[] next(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0) {
            return null;
        }
        byte[] out = new byte[len];
        b.get(out);
        return out;
    }

    /** Left side: turns left-table changes into subscriptions (forwarded as bytes to the subscription sink). */
    static final class SubscriptionSender<K, V, KO> implements Processor<K, Change<V>, byte[], byte[]> {
        private final Function<V, KO> extractor;
        private final Serde<K> givenKeySerde;
        private final Serde<KO> givenForeignKeySerde;
        private ProcessorContext<byte[], byte[]> context;
        private Serde<K> keySerde;
        private Serde<KO> fkSerde;
        private final String topic;

        SubscriptionSender(Function<V, KO> extractor, Serde<K> keySerde, Serde<KO> fkSerde, String topic) {
            this.extractor = extractor;
            this.givenKeySerde = keySerde;
            this.givenForeignKeySerde = fkSerde;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            keySerde = orDefault(givenKeySerde, context.keySerde());
            fkSerde = orDefault(givenForeignKeySerde, context.keySerde());
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            KO newFk = record.value().newValue() == null ? null : extractor.apply(record.value().newValue());
            KO oldFk = record.value().oldValue() == null ? null : extractor.apply(record.value().oldValue());
            byte[] key = keySerde.serializer().serialize(topic, record.key());
            if (oldFk != null && !oldFk.equals(newFk)) {
                send(record, oldFk, UNSUBSCRIBE, key);
            }
            if (newFk != null) {
                send(record, newFk, SUBSCRIBE, key);
            }
        }

        private void send(Record<K, Change<V>> record, KO fk, byte op, byte[] key) {
            byte[] value = ByteBuffer.allocate(1 + 4 + key.length).put(op).putInt(key.length).put(key).array();
            context.forward(new Record<>(fkSerde.serializer().serialize(topic, fk), value, record.timestamp(),
                    record.headers()));
        }
    }

    /** Right side: records subscriptions and answers them with the right table's current value. */
    static final class SubscriptionReceiver<KO, VO> implements Processor<byte[], byte[], byte[], byte[]> {
        private final String rightStore;
        private final String subscriptionStore;
        private final Serde<KO> givenFkSerde;
        private final String topic;
        private ProcessorContext<byte[], byte[]> context;
        private TimestampedKeyValueStore<KO, VO> right;
        private KeyValueStore<Bytes, byte[]> subscriptions;
        private Serde<KO> fkSerde;
        private Serde<VO> rightValueSerde;
        private final Serde<VO> givenRightValueSerde;

        SubscriptionReceiver(String rightStore, String subscriptionStore, Serde<KO> fkSerde, Serde<VO> rightValueSerde,
                             String topic) {
            this.rightStore = rightStore;
            this.subscriptionStore = subscriptionStore;
            this.givenFkSerde = fkSerde;
            this.givenRightValueSerde = rightValueSerde;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            right = context.getStateStore(rightStore);
            subscriptions = context.getStateStore(subscriptionStore);
            fkSerde = orDefault(givenFkSerde, context.keySerde());
            rightValueSerde = orDefault(givenRightValueSerde, context.valueSerde());
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            ByteBuffer b = ByteBuffer.wrap(record.value());
            byte op = b.get();
            byte[] leftKey = next(b);
            byte[] fk = record.key();
            Bytes subKey = Bytes.wrap(lengthPrefixedPair(fk, leftKey));
            if (op == UNSUBSCRIBE) {
                subscriptions.delete(subKey);
                return;
            }
            subscriptions.put(subKey, new byte[] {1});
            ValueAndTimestamp<VO> rv = right.get(fkSerde.deserializer().deserialize(topic, fk));
            byte[] rightBytes = rv == null ? null : rightValueSerde.serializer().serialize(topic, rv.value());
            context.forward(new Record<>(leftKey, lengthPrefixed(fk, rightBytes), record.timestamp(), record.headers()));
        }

        static byte[] lengthPrefixedPair(byte[] fk, byte[] leftKey) {
            return ByteBuffer.allocate(4 + fk.length + leftKey.length).putInt(fk.length).put(fk).put(leftKey).array();
        }
    }

    /** Right side: a right-table change answers every subscription of its key. */
    static final class RightChangeResponder<KO, VO> implements Processor<KO, Change<VO>, byte[], byte[]> {
        private final String subscriptionStore;
        private final Serde<KO> givenFkSerde;
        private final Serde<VO> givenRightValueSerde;
        private final String topic;
        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<Bytes, byte[]> subscriptions;
        private Serde<KO> fkSerde;
        private Serde<VO> rightValueSerde;

        RightChangeResponder(String subscriptionStore, Serde<KO> fkSerde, Serde<VO> rightValueSerde, String topic) {
            this.subscriptionStore = subscriptionStore;
            this.givenFkSerde = fkSerde;
            this.givenRightValueSerde = rightValueSerde;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            subscriptions = context.getStateStore(subscriptionStore);
            fkSerde = orDefault(givenFkSerde, context.keySerde());
            rightValueSerde = orDefault(givenRightValueSerde, context.valueSerde());
        }

        @Override
        public void process(Record<KO, Change<VO>> record) {
            byte[] fk = fkSerde.serializer().serialize(topic, record.key());
            VO nv = record.value().newValue();
            byte[] rightBytes = nv == null ? null : rightValueSerde.serializer().serialize(topic, nv);
            byte[] prefix = ByteBuffer.allocate(4 + fk.length).putInt(fk.length).put(fk).array();
            byte[] upper = Arrays.copyOf(prefix, prefix.length + 1);
            upper[prefix.length] = (byte) 0xFF;
            try (KeyValueIterator<Bytes, byte[]> it = subscriptions.range(Bytes.wrap(prefix), null)) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    byte[] k = kv.key.get();
                    if (k.length < prefix.length || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                        break;
                    }
                    byte[] leftKey = Arrays.copyOfRange(k, prefix.length, k.length);
                    context.forward(new Record<>(leftKey, lengthPrefixed(fk, rightBytes), record.timestamp(),
                            record.headers()));
                }
            }
        }
    }

    /** Left side: joins a response with the left value if it still points to the answered foreign key. */
    static final class ResponseJoiner<K, V, KO, VO, VR> implements Processor<byte[], byte[], K, Change<VR>> {
        private final String leftStore;
        private final Function<V, KO> extractor;
        private final dev.rill.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner;
        private final boolean leftJoin;
        private final Serde<K> givenKeySerde;
        private final Serde<KO> givenFkSerde;
        private final Serde<VO> givenRightValueSerde;
        private final String topic;
        private ProcessorContext<K, Change<VR>> context;
        private TimestampedKeyValueStore<K, V> left;
        private Serde<K> keySerde;
        private Serde<KO> fkSerde;
        private Serde<VO> rightValueSerde;

        ResponseJoiner(String leftStore, Function<V, KO> extractor,
                       dev.rill.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner, boolean leftJoin,
                       Serde<K> keySerde, Serde<KO> fkSerde, Serde<VO> rightValueSerde, String topic) {
            this.leftStore = leftStore;
            this.extractor = extractor;
            this.joiner = joiner;
            this.leftJoin = leftJoin;
            this.givenKeySerde = keySerde;
            this.givenFkSerde = fkSerde;
            this.givenRightValueSerde = rightValueSerde;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<K, Change<VR>> context) {
            this.context = context;
            left = context.getStateStore(leftStore);
            keySerde = orDefault(givenKeySerde, context.keySerde());
            fkSerde = orDefault(givenFkSerde, context.keySerde());
            rightValueSerde = orDefault(givenRightValueSerde, context.valueSerde());
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            K key = keySerde.deserializer().deserialize(topic, record.key());
            ByteBuffer b = ByteBuffer.wrap(record.value());
            KO fk = fkSerde.deserializer().deserialize(topic, next(b));
            byte[] rightBytes = next(b);
            V current = ValueAndTimestamp.getValueOrNull(left.get(key));
            if (current == null || !Objects.equals(extractor.apply(current), fk)) {
                return;
            }
            VO rightValue = rightBytes == null ? null : rightValueSerde.deserializer().deserialize(topic, rightBytes);
            VR result = rightValue == null && !leftJoin ? null : joiner.apply(current, rightValue);
            context.forward(new Record<>(key, new Change<>(result, null), record.timestamp(), record.headers()));
        }
    }

    /**
     * Left side, without a round trip: a deleted left row deletes its result; a row without foreign key joins with
     * null (left join) or has no result (inner join).
     */
    static final class LeftLocal<K, V, KO, VO, VR> extends DslProcessor<K, Change<V>, K, Change<VR>> {
        private final Function<V, KO> extractor;
        private final dev.rill.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner;
        private final boolean leftJoin;

        LeftLocal(Function<V, KO> extractor, dev.rill.streams.kstream.ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                  boolean leftJoin) {
            this.extractor = extractor;
            this.joiner = joiner;
            this.leftJoin = leftJoin;
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            V nv = record.value().newValue();
            if (nv == null) {
                if (record.value().oldValue() != null) {
                    context.forward(record.withValue(new Change<>(null, null)));
                }
                return;
            }
            if (extractor.apply(nv) == null) {
                context.forward(record.withValue(new Change<>(leftJoin ? joiner.apply(nv, null) : null, null)));
            }
        }
    }
}
