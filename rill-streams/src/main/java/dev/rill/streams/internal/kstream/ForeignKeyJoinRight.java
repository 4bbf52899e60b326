package dev.rill.streams.internal.kstream;

import static dev.rill.streams.internal.kstream.ForeignKeyJoin.orDefault;

import dev.rill.streams.KeyValue;
import dev.rill.streams.internal.kstream.ForeignKeyJoin.Instruction;
import dev.rill.streams.internal.kstream.ForeignKeyJoin.Response;
import dev.rill.streams.internal.kstream.ForeignKeyJoin.Subscription;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** The right (foreign-key) table's processors of a foreign-key join: see {@link ForeignKeyJoin}. */
final class ForeignKeyJoinRight {
    private ForeignKeyJoinRight() {
    }

    /** Subscription store key: {@code [int fk length][fk][left key]}, so one foreign key's subscriptions are a range. */
    static byte[] storeKey(byte[] foreignKey, byte[] leftKey) {
        return ByteBuffer.allocate(4 + foreignKey.length + leftKey.length).putInt(foreignKey.length).put(foreignKey)
                .put(leftKey).array();
    }

    /** Records or forgets a subscription, then hands it on to be answered. */
    static final class SubscriptionReceiver implements Processor<byte[], byte[], byte[], Subscription> {
        private final String subscriptionStore;
        private ProcessorContext<byte[], Subscription> context;
        private KeyValueStore<Bytes, byte[]> subscriptions;

        SubscriptionReceiver(String subscriptionStore) {
            this.subscriptionStore = subscriptionStore;
        }

        @Override
        public void init(ProcessorContext<byte[], Subscription> context) {
            this.context = context;
            subscriptions = context.getStateStore(subscriptionStore);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Subscription s = Subscription.parse(record.value());
            byte[] foreignKey = record.key();
            if (foreignKey != null) {
                Bytes key = Bytes.wrap(storeKey(foreignKey, s.leftKey()));
                switch (s.instruction()) {
                    case DELETE_NO_ANSWER, DELETE_ANSWER_NULL -> subscriptions.delete(key);
                    case SUBSCRIBE_ANSWER_ALWAYS, SUBSCRIBE_ANSWER_IF_FOUND -> subscriptions.put(key, s.storeValue());
                    default -> throw new IllegalStateException("unhandled instruction " + s.instruction());
                }
            }
            context.forward(record.withValue(s));
        }
    }

    /** Answers a subscription with the right table's current value, as its instruction asks. */
    static final class SubscriptionAnswerer<K, KO, VO> implements Processor<byte[], Subscription, K, byte[]> {
        private final String rightStore;
        private final ForeignKeyJoinLeft.Serdes<K, ?, KO, VO> serdes;
        private final String topic;
        private ProcessorContext<K, byte[]> context;
        private TimestampedKeyValueStore<KO, VO> right;
        private Serde<K> leftKeySerde;
        private Serde<KO> foreignKeySerde;
        private Serde<VO> rightValueSerde;

        SubscriptionAnswerer(String rightStore, ForeignKeyJoinLeft.Serdes<K, ?, KO, VO> serdes, String topic) {
            this.rightStore = rightStore;
            this.serdes = serdes;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<K, byte[]> context) {
            this.context = context;
            right = context.getStateStore(rightStore);
            leftKeySerde = orDefault(serdes.key(), context.keySerde());
            foreignKeySerde = orDefault(serdes.foreignKey(), context.keySerde());
            rightValueSerde = orDefault(serdes.rightValue(), context.valueSerde());
        }

        @Override
        public void process(Record<byte[], Subscription> record) {
            Subscription s = record.value();
            if (s.instruction() == Instruction.DELETE_NO_ANSWER) {
                return;
            }
            ValueAndTimestamp<VO> current = null;
            if (record.key() != null && s.instruction() != Instruction.DELETE_ANSWER_NULL) {
                current = right.get(foreignKeySerde.deserializer().deserialize(topic, record.key()));
            }
            if (current == null && s.instruction() == Instruction.SUBSCRIBE_ANSWER_IF_FOUND) {
                return;
            }
            byte[] rightValue = current == null ? null : rightValueSerde.serializer().serialize(topic, current.value());
            long timestamp = current == null ? record.timestamp() : Math.max(record.timestamp(), current.timestamp());
            K leftKey = leftKeySerde.deserializer().deserialize(topic, s.leftKey());
            context.forward(new Record<>(leftKey, Response.forStored(s.storeValue(), rightValue), timestamp,
                    record.headers()));
        }
    }

    /** Answers every subscription of a right row when that row changes. */
    static final class RightChangeAnswerer<K, KO, VO> implements Processor<KO, Change<VO>, K, byte[]> {
        private final String subscriptionStore;
        private final ForeignKeyJoinLeft.Serdes<K, ?, KO, VO> serdes;
        private final String topic;
        private ProcessorContext<K, byte[]> context;
        private KeyValueStore<Bytes, byte[]> subscriptions;
        private Serde<K> leftKeySerde;
        private Serde<KO> foreignKeySerde;
        private Serde<VO> rightValueSerde;

        RightChangeAnswerer(String subscriptionStore, ForeignKeyJoinLeft.Serdes<K, ?, KO, VO> serdes, String topic) {
            this.subscriptionStore = subscriptionStore;
            this.serdes = serdes;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<K, byte[]> context) {
            this.context = context;
            subscriptions = context.getStateStore(subscriptionStore);
            leftKeySerde = orDefault(serdes.key(), context.keySerde());
            foreignKeySerde = orDefault(serdes.foreignKey(), context.keySerde());
            rightValueSerde = orDefault(serdes.rightValue(), context.valueSerde());
        }

        @Override
        public void process(Record<KO, Change<VO>> record) {
            byte[] foreignKey = foreignKeySerde.serializer().serialize(topic, record.key());
            VO newValue = record.value().newValue();
            byte[] rightValue = newValue == null ? null : rightValueSerde.serializer().serialize(topic, newValue);
            byte[] prefix = ByteBuffer.allocate(4 + foreignKey.length).putInt(foreignKey.length).put(foreignKey).array();
            try (KeyValueIterator<Bytes, byte[]> it = subscriptions.range(Bytes.wrap(prefix), null)) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    byte[] k = kv.key.get();
                    if (k.length < prefix.length || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                        break;
                    }
                    K leftKey = leftKeySerde.deserializer().deserialize(topic,
                            Arrays.copyOfRange(k, prefix.length, k.length));
                    context.forward(new Record<>(leftKey, Response.forStored(kv.value, rightValue), record.timestamp(),
                            record.headers()));
                }
            }
        }
    }
}
