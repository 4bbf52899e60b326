package dev.rill.streams.internal.kstream;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.StreamPartitioner;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.kafka.common.serialization.Serde;

/**
 * Wire formats and partitioners of a foreign-key KTable-KTable join.
 *
 * <p>Design: the left table's task sends a <em>subscription</em> (left key, the partition of the left task, a hash
 * of the left value, an {@link Instruction}) keyed by the foreign key through the registration topic, which is
 * partitioned like the right table. The right table's task keeps subscriptions in a store keyed
 * {@code [int fk length][fk][left key]} and answers a subscription, and every later change of the right row, with a
 * <em>response</em> (the right value, the subscription's hash) keyed by the left key through the response topic,
 * which is partitioned like the left table: a response goes to the partition carried in the subscription (or the one
 * a user's partitioner picks), so it reaches the task holding the left row whatever partitioning the left topic has.
 * The left task joins a response only if the hash still matches its current left value, so responses to values
 * that changed in the meantime are dropped.
 *
 * <p>Bytes: subscription value {@code [instruction][int partition][hash length][hash][left key]} (key: the
 * serialized foreign key, null when the foreign key is null); subscription store value
 * {@code [int partition][hash length][hash]}; response value
 * {@code [int partition][hash length][hash][int length or -1][right value]} (key: the serialized left key).
 */
final class ForeignKeyJoin {
    private ForeignKeyJoin() {
    }

    /** What the right side does with a subscription. */
    enum Instruction {
        /** Forget the subscription; answer nothing (the left row moved to another foreign key). */
        DELETE_NO_ANSWER,
        /** Forget the subscription; answer null (the left row was deleted or lost its foreign key). */
        DELETE_ANSWER_NULL,
        /** Keep the subscription; answer the right value, also when there is none. */
        SUBSCRIBE_ANSWER_ALWAYS,
        /** Keep the subscription; answer only when there is a right value. */
        SUBSCRIBE_ANSWER_IF_FOUND;

        private static final Instruction[] VALUES = values();

        static Instruction of(byte code) {
            if (code < 0 || code >= VALUES.length) {
                throw new StreamsException("Foreign-key join subscription has unknown instruction " + code
                        + "; the subscription topic holds records of another version or application.");
            }
            return VALUES[code];
        }
    }

    /** A subscription of one left row to one foreign key. */
    record Subscription(Instruction instruction, int primaryPartition, byte[] hash, byte[] leftKey) {
        byte[] toBytes() {
            ByteBuffer b = ByteBuffer.allocate(1 + 4 + 1 + hashLength(hash) + leftKey.length);
            b.put((byte) instruction.ordinal()).putInt(primaryPartition);
            putHash(b, hash);
            return b.put(leftKey).array();
        }

        static Subscription parse(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            Instruction instruction = Instruction.of(b.get());
            int partition = b.getInt();
            byte[] hash = getHash(b);
            byte[] leftKey = new byte[b.remaining()];
            b.get(leftKey);
            return new Subscription(instruction, partition, hash, leftKey);
        }

        /** What the subscription store keeps: where and for which left value to answer. */
        byte[] storeValue() {
            ByteBuffer b = ByteBuffer.allocate(4 + 1 + hashLength(hash)).putInt(primaryPartition);
            putHash(b, hash);
            return b.array();
        }

        static int primaryPartitionOf(byte[] subscriptionBytes) {
            return ByteBuffer.wrap(subscriptionBytes, 1, 4).getInt();
        }
    }

    /** The answer to a subscription: the right value (null when there is none) for a left value's hash. */
    record Response(int primaryPartition, byte[] hash, byte[] rightValue) {
        /** A response for a stored subscription ({@link Subscription#storeValue()}). */
        static byte[] forStored(byte[] storeValue, byte[] rightValue) {
            ByteBuffer b = ByteBuffer.allocate(storeValue.length + 4 + (rightValue == null ? 0 : rightValue.length));
            b.put(storeValue).putInt(rightValue == null ? -1 : rightValue.length);
            if (rightValue != null) {
                b.put(rightValue);
            }
            return b.array();
        }

        static Response parse(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int partition = b.getInt();
            byte[] hash = getHash(b);
            int len = b.getInt();
            byte[] right = null;
            if (len >= 0) {
                right = new byte[len];
                b.get(right);
            }
            return new Response(partition, hash, right);
        }

        static int primaryPartitionOf(byte[] responseBytes) {
            return ByteBuffer.wrap(responseBytes, 0, 4).getInt();
        }
    }

    private static int hashLength(byte[] hash) {
        return hash == null ? 0 : hash.length;
    }

    private static void putHash(ByteBuffer b, byte[] hash) {
        b.put((byte) hashLength(hash));
        if (hash != null) {
            b.put(hash);
        }
    }

    private static byte[] getHash(ByteBuffer b) {
        int len = b.get();
        if (len == 0) {
            return null;
        }
        byte[] hash = new byte[len];
        b.get(hash);
        return hash;
    }

    /** Hashes serialized left values; null (a deleted row) hashes to null. One instance per processor. */
    static final class ValueHasher {
        private final MessageDigest digest;

        ValueHasher() {
            try {
                digest = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("The JVM offers no MD5 digest, which every Java platform must have", e);
            }
        }

        byte[] hash(byte[] serializedValue) {
            return serializedValue == null ? null : digest.digest(serializedValue);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> Serde<T> orDefault(Serde<T> given, Serde<?> fallback) {
        return given != null ? given : (Serde<T>) fallback;
    }

    /**
     * Partitions subscriptions: by the user's right-table partitioner, else like the producer's default (as the
     * right table's topic is by default); a subscription without foreign key goes to the left row's partition.
     */
    record SubscriptionPartitioner<KO>(StreamPartitioner<KO, Void> custom) implements StreamPartitioner<KO, byte[]> {
        @Override
        public Integer partition(String topic, KO foreignKey, byte[] subscription, int numPartitions) {
            if (foreignKey == null) {
                return Subscription.primaryPartitionOf(subscription) % numPartitions;
            }
            return custom == null ? null : custom.partition(topic, foreignKey, null, numPartitions);
        }
    }

    /** Partitions responses: by the user's left-table partitioner, else to the partition the left row was read from. */
    record ResponsePartitioner<K>(StreamPartitioner<K, Void> custom) implements StreamPartitioner<K, byte[]> {
        @Override
        public Integer partition(String topic, K leftKey, byte[] response, int numPartitions) {
            return custom == null ? Response.primaryPartitionOf(response)
                    : custom.partition(topic, leftKey, null, numPartitions);
        }
    }
}
