package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.KeyValue;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StoreQueryParameters;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.TableJoined;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.QueryableStoreTypes;
import dev.rill.streams.state.ReadOnlyKeyValueStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Foreign-key joins on a real broker between tables of different partition counts: orders ({@code o<i> ->
 * "c<j>|<i>"}) joined to customers ({@code c<j> -> name}), the join result counted per customer name. Every order
 * must end with its customer's current name and every count must be exact after a customer rename, orders moving to
 * other customers and deletions on both sides: nothing stale may remain.
 */
class ForeignKeyJoinIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final int ORDERS = 200;
    private static final int CUSTOMERS = 20;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    /** Partitions {@code o17} / {@code c17} by their number: not the producer's default partitioning. */
    private static int byNumber(String key, int numPartitions) {
        return Integer.parseInt(key.substring(1)) % numPartitions;
    }

    /** How the two input topics are partitioned and what the join is told about it. */
    enum Partitioning {
        /** The producer's default on both topics, no partitioners given. */
        DEFAULT,
        /** {@link #byNumber} on both topics, both partitioners given. */
        CUSTOM_BOTH_GIVEN,
        /** {@link #byNumber} on both topics, only the right table's partitioner given: responses must go back to the
         * partition each order was read from, not where the default partitioner would put its key. */
        CUSTOM_RIGHT_GIVEN
    }

    @ParameterizedTest(name = "orders {0} partitions, customers {1}, {2}")
    @CsvSource({"3, 2, DEFAULT", "2, 3, DEFAULT", "3, 2, CUSTOM_BOTH_GIVEN", "2, 3, CUSTOM_RIGHT_GIVEN"})
    void everyOrderFollowsItsCustomerAcrossPartitionCounts(int orderPartitions, int customerPartitions,
                                                           Partitioning partitioning) throws Exception {
        runScenario(orderPartitions, customerPartitions, partitioning);
    }

    private void runScenario(int orderPartitions, int customerPartitions, Partitioning partitioning) throws Exception {
        boolean customPartitioning = partitioning != Partitioning.DEFAULT;
        String orders = KAFKA.cluster().newTopic("fk-orders", orderPartitions);
        String customers = KAFKA.cluster().newTopic("fk-customers", customerPartitions);
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> orderTable = b.table(orders);
        KTable<String, String> customerTable = b.table(customers);
        StreamPartitioner<String, Void> partitioner = (topic, key, value, n) -> byNumber(key, n);
        TableJoined<String, String> options = TableJoined.<String, String>with(
                partitioning == Partitioning.CUSTOM_BOTH_GIVEN ? partitioner : null,
                customPartitioning ? partitioner : null).withName("order-customer");
        KTable<String, String> joined = orderTable.join(customerTable, v -> v.substring(0, v.indexOf('|')),
                (order, name) -> name, options, Materialized.as("joined"));
        joined.groupBy((order, name) -> KeyValue.pair(name, order))
                .count(Materialized.<String, Long, StateStore>as("per-name"));
        RillStreams streams = start(b, "fk-" + System.nanoTime());

        Map<String, String> names = new TreeMap<>();
        Map<String, String> customerOf = new TreeMap<>();
        for (int j = 0; j < CUSTOMERS; j++) {
            names.put("c" + j, "name-" + j);
        }
        for (int i = 0; i < ORDERS; i++) {
            customerOf.put("o" + i, "c" + (i % CUSTOMERS));
        }
        produce(customers, names, customPartitioning);
        produce(orders, orderValues(customerOf), customPartitioning);
        awaitJoined(streams, names, customerOf);

        // a rename, orders moving to other customers, an order and a customer deleted
        names.put("c3", "renamed");
        customerOf.put("o5", "c7");
        customerOf.put("o44", "c3");
        customerOf.remove("o6");
        names.remove("c9");
        Map<String, String> changedCustomers = new TreeMap<>();
        changedCustomers.put("c3", "renamed");
        changedCustomers.put("c9", null);
        Map<String, String> changedOrders = new TreeMap<>();
        changedOrders.put("o5", "c7|5");
        changedOrders.put("o44", "c3|44");
        changedOrders.put("o6", null);
        produce(customers, changedCustomers, customPartitioning);
        produce(orders, changedOrders, customPartitioning);
        awaitJoined(streams, names, customerOf);
    }

    private static Map<String, String> orderValues(Map<String, String> customerOf) {
        Map<String, String> values = new TreeMap<>();
        customerOf.forEach((order, customer) -> values.put(order, customer + "|" + order.substring(1)));
        return values;
    }

    /** Waits until the join store and the per-name counts hold exactly what the current inputs give. */
    private static void awaitJoined(RillStreams streams, Map<String, String> names, Map<String, String> customerOf) {
        Map<String, String> expectedJoin = new TreeMap<>();
        Map<String, Long> expectedCounts = new TreeMap<>();
        customerOf.forEach((order, customer) -> {
            String name = names.get(customer);
            if (name != null) {
                expectedJoin.put(order, name);
                expectedCounts.merge(name, 1L, Long::sum);
            }
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(streams.state()).isEqualTo(RillStreams.State.RUNNING);
            assertThat(contents(streams, "joined")).isEqualTo(expectedJoin);
            Map<String, Long> counts = contents(streams, "per-name");
            counts.values().removeIf(c -> c == 0L);
            assertThat(counts).isEqualTo(expectedCounts);
        });
    }

    private static <V> Map<String, V> contents(RillStreams streams, String store) {
        ReadOnlyKeyValueStore<String, V> view = streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
        Map<String, V> out = new TreeMap<>();
        try (KeyValueIterator<String, V> it = view.all()) {
            it.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }

    private RillStreams start(StreamsBuilder b, String appId) throws Exception {
        Properties p = RillStreamsIT.props(appId, KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-state-").toString());
        RillStreams s = new RillStreams(b.build(), p);
        started.add(s);
        s.start();
        return s;
    }

    /** Writes key/value pairs (null values are tombstones), to the partition {@link #byNumber} picks if asked. */
    private static void produce(String topic, Map<String, String> records, boolean byNumber) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            int partitions = producer.partitionsFor(topic).size();
            for (Map.Entry<String, String> r : records.entrySet()) {
                Integer partition = byNumber ? byNumber(r.getKey(), partitions) : null;
                producer.send(new ProducerRecord<>(topic, partition, r.getKey(), r.getValue())).get();
            }
        }
    }
}
