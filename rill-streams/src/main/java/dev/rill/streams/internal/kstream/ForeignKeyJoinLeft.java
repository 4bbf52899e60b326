package dev.rill.streams.internal.kstream;

import static dev.rill.streams.internal.kstream.ForeignKeyJoin.orDefault;

import dev.rill.streams.internal.kstream.ForeignKeyJoin.Instruction;
import dev.rill.streams.internal.kstream.ForeignKeyJoin.Response;
import dev.rill.streams.internal.kstream.ForeignKeyJoin.Subscription;
import dev.rill.streams.internal.kstream.ForeignKeyJoin.ValueHasher;
import dev.rill.streams.kstream.ValueJoiner;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.Arrays;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serde;

/** The left (primary) table's processors of a foreign-key join: see {@link ForeignKeyJoin}. */
final class ForeignKeyJoinLeft {
    private ForeignKeyJoinLeft() {
    }

    /** Serdes of the join: left key and value, foreign key, right value; null members mean the configured defaults. */
    record Serdes<K, V, KO, VO>(Serde<K> key, Serde<V> value, Serde<KO> foreignKey, Serde<VO> rightValue) {
        /** These serdes with the context's defaults in place of null members. */
        Serdes<K, V, KO, VO> resolve(ProcessorContext<?, ?> context) {
            return new Serdes<>(orDefault(key, context.keySerde()), orDefault(value, context.valueSerde()),
                    orDefault(foreignKey, context.keySerde()), orDefault(rightValue, context.valueSerde()));
        }
    }

    /** Turns each left-table change into subscriptions keyed by the old and new foreign keys. */
    static final class SubscriptionSender<K, V, KO> implements Processor<K, Change<V>, KO, byte[]> {
        private final BiFunction<K, V, KO> extractor;
        private final boolean leftJoin;
        private final String topic;
        private Serdes<K, V, KO, ?> serdes;
        private ProcessorContext<KO, byte[]> context;
        private ValueHasher hasher;

        SubscriptionSender(BiFunction<K, V, KO> extractor, boolean leftJoin, Serdes<K, V, KO, ?> serdes, String topic) {
            this.extractor = extractor;
            this.leftJoin = leftJoin;
            this.serdes = serdes;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<KO, byte[]> context) {
            this.context = context;
            serdes = serdes.resolve(context);
            hasher = new ValueHasher();
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            V newValue = record.value().newValue();
            V oldValue = record.value().oldValue();
            KO newFk = newValue == null ? null : extractor.apply(record.key(), newValue);
            KO oldFk = oldValue == null ? null : extractor.apply(record.key(), oldValue);
            boolean moved = oldFk != null && !sameForeignKey(oldFk, newFk);
            if (moved) {
                // a row losing its foreign key needs an answer (its result changes); one moving to another does not
                send(record, oldFk, newFk == null ? Instruction.DELETE_ANSWER_NULL : Instruction.DELETE_NO_ANSWER);
            }
            if (newFk != null) {
                // a row that may have had a result must hear back even without a match, to replace that result
                // (inner join: only a row that moved from another foreign key; a new row or one keeping its foreign
                // key had no result, or its result is replaced only if a right row matches)
                send(record, newFk, !leftJoin && !moved ? Instruction.SUBSCRIBE_ANSWER_IF_FOUND
                        : Instruction.SUBSCRIBE_ANSWER_ALWAYS);
            } else if (leftJoin && !moved && (newValue != null || oldValue != null)) {
                // a left-join row without foreign key: the right side answers null at once (nothing is stored)
                send(record, null, Instruction.SUBSCRIBE_ANSWER_ALWAYS);
            }
        }

        private boolean sameForeignKey(KO a, KO b) {
            return b != null && Arrays.equals(serdes.foreignKey().serializer().serialize(topic, a),
                    serdes.foreignKey().serializer().serialize(topic, b));
        }

        private void send(Record<K, Change<V>> record, KO foreignKey, Instruction instruction) {
            V newValue = record.value().newValue();
            byte[] hash = hasher.hash(newValue == null ? null : serdes.value().serializer().serialize(topic, newValue));
            byte[] leftKey = serdes.key().serializer().serialize(topic, record.key());
            Subscription s = new Subscription(instruction, context.taskId().partition(), hash, leftKey);
            context.forward(new Record<>(foreignKey, s.toBytes(), record.timestamp(), record.headers()));
        }
    }

    /** Joins a response with the current left value, unless that value changed since the subscription was sent. */
    static final class ResponseResolver<K, V, KO, VO, VR> implements Processor<byte[], byte[], K, Change<VR>> {
        private final String leftStore;
        private final ValueJoiner<? super V, ? super VO, ? extends VR> joiner;
        private final boolean leftJoin;
        private final String topic;
        private Serdes<K, V, KO, VO> serdes;
        private ProcessorContext<K, Change<VR>> context;
        private TimestampedKeyValueStore<K, V> left;
        private ValueHasher hasher;

        ResponseResolver(String leftStore, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, boolean leftJoin,
                         Serdes<K, V, KO, VO> serdes, String topic) {
            this.leftStore = leftStore;
            this.joiner = joiner;
            this.leftJoin = leftJoin;
            this.serdes = serdes;
            this.topic = topic;
        }

        @Override
        public void init(ProcessorContext<K, Change<VR>> context) {
            this.context = context;
            left = context.getStateStore(leftStore);
            serdes = serdes.resolve(context);
            hasher = new ValueHasher();
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            K key = serdes.key().deserializer().deserialize(topic, record.key());
            Response response = Response.parse(record.value());
            V current = ValueAndTimestamp.getValueOrNull(left.get(key));
            byte[] currentHash = hasher.hash(current == null ? null : serdes.value().serializer().serialize(topic, current));
            if (!Arrays.equals(response.hash(), currentHash)) {
                return;
            }
            VO rightValue = response.rightValue() == null ? null
                    : serdes.rightValue().deserializer().deserialize(topic, response.rightValue());
            VR result = rightValue == null && (!leftJoin || current == null) ? null : joiner.apply(current, rightValue);
            context.forward(new Record<>(key, new Change<>(result, null), record.timestamp(), record.headers()));
        }
    }
}
