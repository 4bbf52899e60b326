package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StoreQueryParameters;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.KeyQueryMetadata;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.QueryableStoreTypes;
import dev.rill.streams.state.ReadOnlyKeyValueStore;
import dev.rill.streams.state.Stores;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State on a real broker: counts land in stores and the changelog, a new instance with an empty state directory
 * restores them, and interactive queries answer every key through either instance's HTTP endpoint.
 */
class StatefulIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    private Properties props(String appId) throws Exception {
        Properties p = RillStreamsIT.props(appId, KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-state-").toString());
        return p;
    }

    private RillStreams start(StreamsBuilder b, Properties p) {
        RillStreams s = new RillStreams(b.build(), p);
        started.add(s);
        return s;
    }

    private static StreamsBuilder countTopology(String input, Function<String, KeyValueBytesStoreSupplier> kind) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(input).groupByKey()
                .count(Materialized.<String, Long, StateStore>as(kind.apply("counts")).withKeySerde(Serdes.String()));
        return b;
    }

    private static List<String[]> input(int keys, int perKey) {
        List<String[]> out = new ArrayList<>();
        for (int r = 0; r < perKey; r++) {
            for (int k = 0; k < keys; k++) {
                out.add(new String[] {"k" + k, "v"});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rocksdb", "in-memory"})
    void countsAreQueryableLoggedAndRestoredByANewInstance(String kindName) throws Exception {
        Function<String, KeyValueBytesStoreSupplier> kind = kindName.equals("rocksdb")
                ? Stores::persistentKeyValueStore : Stores::inMemoryKeyValueStore;
        String in = KAFKA.cluster().newTopic("counts-in", 2);
        String app = "counts-" + kindName + "-" + System.nanoTime();
        produce(in, input(200, 3));
        RillStreams first = start(countTopology(in, kind), props(app));
        first.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> allCounts(first, 200, 3L));
        first.close(Duration.ofSeconds(30));

        String changelog = app + "-counts-changelog";
        try (Admin admin = KAFKA.cluster().admin()) {
            assertThat(admin.describeTopics(Set.of(changelog)).allTopicNames().get().get(changelog).partitions())
                    .hasSize(2);
            Config c = admin.describeConfigs(Set.of(new ConfigResource(ConfigResource.Type.TOPIC, changelog)))
                    .all().get().values().iterator().next();
            assertThat(c.get("cleanup.policy").value()).isEqualTo("compact");
        }

        AtomicLong restored = new AtomicLong();
        RillStreams second = start(countTopology(in, kind), props(app));
        second.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(org.apache.kafka.common.TopicPartition p, String store, long from, long to) {
            }

            @Override
            public void onBatchRestored(org.apache.kafka.common.TopicPartition p, String store, long end, long n) {
            }

            @Override
            public void onRestoreEnd(org.apache.kafka.common.TopicPartition p, String store, long total) {
                restored.addAndGet(total);
            }
        });
        second.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> allCounts(second, 200, 3L));
        assertThat(restored.get()).as("records restored from the changelog").isGreaterThanOrEqualTo(200);
        produce(in, input(200, 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> allCounts(second, 200, 4L));
    }

    private static boolean allCounts(RillStreams s, int keys, long expected) {
        if (s.state() != RillStreams.State.RUNNING) {
            return false;
        }
        ReadOnlyKeyValueStore<String, Long> store = s.store(
                StoreQueryParameters.fromNameAndType("counts", QueryableStoreTypes.keyValueStore()));
        for (int k = 0; k < keys; k++) {
            if (!Long.valueOf(expected).equals(store.get("k" + k))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aRestoreLongerThanMaxPollIntervalDoesNotDropTheInstanceFromTheGroup() throws Exception {
        String in = KAFKA.cluster().newTopic("slow-restore-in", 2);
        String app = "slow-restore-" + System.nanoTime();
        produce(in, input(200, 2));
        RillStreams first = start(countTopology(in, Stores::inMemoryKeyValueStore), props(app));
        first.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> allCounts(first, 200, 2L));
        first.close(Duration.ofSeconds(30));

        Properties p = props(app);
        // the group drops a member that does not poll for 1 s; the restore below takes several seconds
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), 1000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 40);
        AtomicInteger restoreStarts = new AtomicInteger();
        AtomicLong restored = new AtomicLong();
        RillStreams second = start(countTopology(in, Stores::inMemoryKeyValueStore), p);
        second.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(org.apache.kafka.common.TopicPartition tp, String store, long from, long to) {
                restoreStarts.incrementAndGet();
            }

            @Override
            public void onBatchRestored(org.apache.kafka.common.TopicPartition tp, String store, long end, long n) {
                // a slow store: every batch of at most 40 records takes 300 ms to apply
                LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
            }

            @Override
            public void onRestoreEnd(org.apache.kafka.common.TopicPartition tp, String store, long total) {
                restored.addAndGet(total);
            }
        });
        second.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> allCounts(second, 200, 2L));
        assertThat(restored.get()).as("every key restored").isGreaterThanOrEqualTo(200);
        assertThat(restoreStarts.get()).as("each changelog partition restored once: the instance was never dropped "
                + "from the group and handed its tasks again").isEqualTo(2);
    }

    @Test
    void everyKeyIsAnsweredThroughEitherInstancesHttpEndpoint() throws Exception {
        String in = KAFKA.cluster().newTopic("iq-in", 4);
        String app = "iq-" + System.nanoTime();
        produce(in, input(100, 2));
        int port1 = freePort();
        int port2 = freePort();
        List<RillStreams> both = new ArrayList<>();
        for (int port : new int[] {port1, port2}) {
            Properties p = props(app);
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port);
            StreamsBuilder b = new StreamsBuilder();
            b.<String, String>stream(in).groupByKey().count(Materialized.as("payment-counts"));
            RillStreams s = start(b, p);
            s.start();
            both.add(s);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> both.stream().allMatch(s -> s.state() == RillStreams.State.RUNNING)
                && both.get(0).metadataForAllStreamsClients().size() == 2);
        Map<String, Integer> hostsUsed = new HashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int k = 0; k < 100; k++) {
                for (int port : new int[] {port1, port2}) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/stores/payment-counts/keys/k" + k)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as("status of key k%d via port %d: %s", k, port, r.body()).isEqualTo(200);
                    assertThat(r.body()).contains("\"key\":\"k" + k + "\"", "\"value\":2");
                }
            }
        });
        for (int k = 0; k < 100; k++) {
            KeyQueryMetadata m = both.get(1).queryMetadataForKey("payment-counts", "k" + k, new StringSerializer());
            hostsUsed.merge(m.activeHost().toString(), 1, Integer::sum);
        }
        assertThat(hostsUsed).as("keys are spread over both instances").hasSize(2);
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port1 + "/stores/payment-counts/keys/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error_code\":404");
        HttpResponse<String> unknownStore = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port2 + "/stores/nope/keys/k1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownStore.statusCode()).isEqualTo(404);
    }

    private static void produce(String topic, List<String[]> keyValues) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String[] kv : keyValues) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, kv[0], kv[1]));
            }
        }
    }

    @Test
    void globalTableIsLoadedBeforeProcessingAndJoinedOnEveryPartition() throws Exception {
        String products = KAFKA.cluster().newTopic("products", 3);
        String orders = KAFKA.cluster().newTopic("orders", 2);
        String out = KAFKA.cluster().newTopic("enriched", 1);
        List<String[]> catalog = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            catalog.add(new String[] {"p" + i, "product-" + i});
        }
        produce(products, catalog);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(orders).join(b.<String, String>globalTable(products, Materialized.as("catalog")),
                (k, v) -> v, (order, product) -> product).to(out);
        RillStreams s = start(b, props("global-" + System.nanoTime()));
        s.start();
        List<String[]> orderRecords = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            orderRecords.add(new String[] {"o" + i, "p" + (i % 50)});
        }
        produce(orders, orderRecords);
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> joined = RillStreamsIT.consumeAtLeast(
                KAFKA.bootstrapServers(), out, 100, new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer());
        assertThat(joined).hasSize(100);
        for (var r : joined) {
            int i = Integer.parseInt(r.key().substring(1));
            assertThat(r.value()).isEqualTo("product-" + (i % 50));
        }
        ReadOnlyKeyValueStore<String, String> catalogStore = s.store(
                StoreQueryParameters.fromNameAndType("catalog", QueryableStoreTypes.keyValueStore()));
        assertThat(catalogStore.approximateNumEntries()).isEqualTo(50);
        produce(products, List.<String[]>of(new String[] {"p7", "renamed"}));
        await().atMost(Duration.ofSeconds(30)).until(() -> "renamed".equals(catalogStore.get("p7")));
    }

    @Test
    void foreignKeyJoinWorksAcrossPartitions() throws Exception {
        String orders = KAFKA.cluster().newTopic("fk-orders", 2);
        String customers = KAFKA.cluster().newTopic("fk-customers", 2);
        String app = "fk-" + System.nanoTime();
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>table(orders).join(b.<String, String>table(customers), v -> v,
                (customer, name) -> name, Materialized.as("order-customer"));
        RillStreams s = start(b, props(app));
        s.start();
        List<String[]> cs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cs.add(new String[] {"c" + i, "name-" + i});
        }
        produce(customers, cs);
        List<String[]> os = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            os.add(new String[] {"o" + i, "c" + (i % 20)});
        }
        produce(orders, os);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(s.state()).isEqualTo(RillStreams.State.RUNNING);
            ReadOnlyKeyValueStore<String, String> joined = s.store(
                    StoreQueryParameters.fromNameAndType("order-customer", QueryableStoreTypes.keyValueStore()));
            for (int i = 0; i < 200; i++) {
                assertThat(joined.get("o" + i)).isEqualTo("name-" + (i % 20));
            }
        });
        produce(customers, List.<String[]>of(new String[] {"c3", "renamed"}));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ReadOnlyKeyValueStore<String, String> joined = s.store(
                    StoreQueryParameters.fromNameAndType("order-customer", QueryableStoreTypes.keyValueStore()));
            assertThat(joined.get("o23")).isEqualTo("renamed");
        });
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
