package dev.rill.streams.internal.kstream;

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
                }
            }
            context.forward(record.withValue(s));
        }
    }

    /** Base of the two processors that answer subscriptions: sends responses keyed by the left key. */
    private abstract static class Answerer<KIn, VIn, K, KO, VO> implements Processor<KIn, VIn, K, byte[]> {
        final String topic;
        ForeignKeyJoinLeft.Serdes<K, ?, KO, VO> serdes;
        private ProcessorContext<K, byte[]> context;

        Answerer(ForeignKeyJoinLeft.Serdes<K, ?, KO, VO> serdes, String topic) {
            this.serdes = serdes;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<K, byte[]> context) {
            this.context = context;
            serdes = serdes.resolve(context);
        }

        byte[] serializeRight(VO rightValue) {
            return rightValue == null ? null : serdes.rightValue().serializer().serialize(topic, rightValue);
        }

        /** Answers the subscription of {@code leftKey} stored as {@code storeValue} with a serialized right value. */
        void answer(byte[] leftKey, byte[] storeValue, byte[] rightValue, long timestamp, Record<?, ?> cause) {
            K key = serdes.key().deserializer().deserialize(topic, leftKey);
            context.forward(new Record<>(key, Response.forStored(storeValue, rightValue), timestamp, cause.headers()));
        }
    }

    /** Answers a subscription with the right table's current value, as its instruction asks. */
    static final class SubscriptionAnswerer<K, KO, VO> extends Answerer<byte[], Subscription, K, KO, VO> {
        private final String rightStore;
        private TimestampedKeyValueStore<KO, VO> right;

        SubscriptionAnswerer(String rightStore, ForeignKeyJoinLeft.Serdes<K, ?, KO, VO> serdes, String topic) {
            super(serdes, topic);
            this.rightStore = rightStore;
        }

        @Override
        public void init(ProcessorContext<K, byte[]> context) {
            super.init(context);
            right = context.getStateStore(rightStore);
        }

        @Override
        public void process(Record<byte[], Subscription> record) {
            Subscription s = record.value();
            if (s.instruction() == Instruction.DELETE_NO_ANSWER) {
                return;
            }
            ValueAndTimestamp<VO> current = null;
            if (record.key() != null && s.instruction() != Instruction.DELETE_ANSWER_NULL) {
                current = right.get(serdes.foreignKey().deserializer().deserialize(topic, record.key()));
            }
            if (current == null && s.instruction() == Instruction.SUBSCRIBE_ANSWER_IF_FOUND) {
                return;
            }
            long timestamp = current == null ? record.timestamp() : Math.max(record.timestamp(), current.timestamp());
            answer(s.leftKey(), s.storeValue(), serializeRight(ValueAndTimestamp.getValueOrNull(current)), timestamp,
                    record);
        }
    }

    /** Answers every subscription of a right row when that row changes. */
    static final class RightChangeAnswerer<K, KO, VO> extends Answerer<KO, Change<VO>, K, KO, VO> {
        private final String subscriptionStore;
        private KeyValueStore<Bytes, byte[]> subscriptions;

        RightChangeAnswerer(String subscriptionStore, ForeignKeyJoinLeft.Serdes<K, ?, KO, VO> serdes, String topic) {
            super(serdes, topic);
            this.subscriptionStore = subscriptionStore;
        }

        @Override
        public void init(ProcessorContext<K, byte[]> context) {
            super.init(context);
            subscriptions = context.getStateStore(subscriptionStore);
        }

        @Override
        public void process(Record<KO, Change<VO>> record) {
            byte[] foreignKey = serdes.foreignKey().serializer().serialize(topic, record.key());
            byte[] prefix = ByteBuffer.allocate(4 + foreignKey.length).putInt(foreignKey.length).put(foreignKey).array();
            byte[] rightValue = serializeRight(record.value().newValue());
            try (KeyValueIterator<Bytes, byte[]> it = subscriptions.range(Bytes.wrap(prefix), null)) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    byte[] k = kv.key.get();
                    if (k.length < prefix.length || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                        break;
                    }
                    answer(Arrays.copyOfRange(k, prefix.length, k.length), kv.value, rightValue, record.timestamp(),
                            record);
                }
            }
        }
    }
}
