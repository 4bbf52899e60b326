package dev.rill.streams.kstream;

import dev.rill.streams.processor.StreamPartitioner;

/**
 * Options of a foreign-key table-table join: the partitioners of the two tables' topics and a name for the join's
 * processors, internal topics and subscription store.
 *
 * <p>Give the partitioners when a table's topic is not partitioned by the default (murmur2 of the serialized key):
 * the join then sends each subscription to the partition {@code otherPartitioner} gives the foreign key, and each
 * response to the partition {@code partitioner} gives the left key. Without them, subscriptions are partitioned like
 * the right table's topic by default, and responses go back to the partition the left row was read from.
 * <pre>{@code
 * orders.join(customers, Order::customerId, Order::withCustomer,
 *         TableJoined.<String, String>as("order-customer").withOtherPartitioner(byRegion));
 * }</pre>
 * The name drives the generated names like Kafka Streams': {@code <name>-subscription-registration-topic},
 * {@code <name>-subscription-response-topic}, {@code <name>-subscription-store}, {@code <name>-result}, ...
 *
 * @param <K> key type of the left (primary) table
 * @param <KO> key type of the right (foreign-key) table
 */
public class TableJoined<K, KO> {
    protected final StreamPartitioner<K, Void> partitioner;
    protected final StreamPartitioner<KO, Void> otherPartitioner;
    protected final String name;

    private TableJoined(StreamPartitioner<K, Void> partitioner, StreamPartitioner<KO, Void> otherPartitioner,
                        String name) {
        this.partitioner = partitioner;
        this.otherPartitioner = otherPartitioner;
        this.name = name;
    }

    protected TableJoined(TableJoined<K, KO> other) {
        this(other.partitioner, other.otherPartitioner, other.name);
    }

    /**
     * Partitioners for the left table's topic and the right table's topic; null means the default partitioning.
     */
    public static <K, KO> TableJoined<K, KO> with(StreamPartitioner<K, Void> partitioner,
                                                  StreamPartitioner<KO, Void> otherPartitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, null);
    }

    /**
     * A name for the join's processors, topics and store.
     *
     * @throws dev.rill.streams.errors.TopologyException if the name is empty or has characters other than letters,
     *         digits, '.', '_' and '-'
     */
    public static <K, KO> TableJoined<K, KO> as(String name) {
        Named.validate(name);
        return new TableJoined<>(null, null, name);
    }

    /** A copy with the left table's partitioner (null: default partitioning). */
    public TableJoined<K, KO> withPartitioner(StreamPartitioner<K, Void> partitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    /** A copy with the right table's partitioner (null: default partitioning). */
    public TableJoined<K, KO> withOtherPartitioner(StreamPartitioner<KO, Void> otherPartitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    /** A copy with the given name (see {@link #as(String)}). */
    public TableJoined<K, KO> withName(String name) {
        Named.validate(name);
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }
}
