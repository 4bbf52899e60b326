package dev.rill.connect.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.ConnectWorker;
import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.connect.internal.plugins.PluginDiscovery;

/**
 * Apache Kafka's MirrorMaker 2 connectors, installed the documented way (the published connect-mirror and
 * connect-mirror-client 4.3.1 jars in a plugin directory), on a Rill Connect standalone worker attached to
 * cluster B: MirrorSourceConnector replicates a topic of cluster A (records, headers, topic configs),
 * MirrorCheckpointConnector syncs a consumer group's offsets to B, MirrorHeartbeatConnector emits heartbeats.
 * connect-mirror uses connect-runtime's classes (ConnectorConfig, TopicAdmin, KafkaBasedLog …), which Rill
 * gives it from Apache's own jars.
 */
class MirrorMakerConnectorsIT {
    private static final int RECORDS = 50;

    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.singleNode();
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    private static Map<String, String> mirror(String name, String connectorClass) {
        return RealPlugins.mirrorConnector(name, connectorClass, A.bootstrapServers(), B.bootstrapServers());
    }

    @Test
    void shouldReplicateRecordsHeadersTopicConfigsAndGroupOffsetsBetweenTwoClusters() throws Exception {
        String topic = "orders-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "billing-" + UUID.randomUUID().toString().substring(0, 8);
        A.cluster().createTopic(topic, 2, 1, Map.of("retention.ms", "123456789", "max.message.bytes", "654321"));
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            sent.add(new ProducerRecord<>(topic, i % 2, bytes("key-" + i), bytes("value-" + i),
                    List.of(new RecordHeader("trace", bytes("t-" + i)), new RecordHeader("origin", bytes("A")))));
        }
        produce(A.bootstrapServers(), sent);
        commitGroupAtEnd(group, topic);

        Map<String, String> source = mirror("mm2-source", "org.apache.kafka.connect.mirror.MirrorSourceConnector");
        source.put("topics", topic);
        source.put("offset.lag.max", "0");
        source.put("refresh.topics.interval.seconds", "1");
        source.put("sync.topic.configs.interval.seconds", "1");
        Map<String, String> checkpoint = mirror("mm2-checkpoint",
                "org.apache.kafka.connect.mirror.MirrorCheckpointConnector");
        checkpoint.put("groups", group);
        checkpoint.put("emit.checkpoints.interval.seconds", "1");
        checkpoint.put("refresh.groups.interval.seconds", "1");
        checkpoint.put("sync.group.offsets.enabled", "true");
        checkpoint.put("sync.group.offsets.interval.seconds", "1");
        Map<String, String> heartbeat = mirror("mm2-heartbeat", "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector");
        heartbeat.put("emit.heartbeats.interval.seconds", "1");

        Map<String, String> worker = RealPlugins.workerProps(B.bootstrapServers(), dir);
        try (ConnectWorker rill = ConnectWorker.builder().workerProperties(worker)
                .connectors(List.of(source, checkpoint, heartbeat)).start()) {
            String url = rill.restUrl();
            List<Map<String, Object>> plugins = RealPlugins.get(url, "/connector-plugins").list();
            assertThat(plugins).extracting(p -> p.get("class"), p -> p.get("version")).contains(
                    org.assertj.core.groups.Tuple.tuple("org.apache.kafka.connect.mirror.MirrorSourceConnector", "4.3.1"),
                    org.assertj.core.groups.Tuple.tuple("org.apache.kafka.connect.mirror.MirrorCheckpointConnector", "4.3.1"),
                    org.assertj.core.groups.Tuple.tuple("org.apache.kafka.connect.mirror.MirrorHeartbeatConnector", "4.3.1"));

            String remote = "A." + topic;
            List<ConsumerRecord<byte[], byte[]>> replicated = consume(B.bootstrapServers(), remote, RECORDS);
            assertThat(replicated).hasSize(RECORDS);
            for (ConsumerRecord<byte[], byte[]> r : replicated) {
                int i = Integer.parseInt(text(r.key()).substring("key-".length()));
                assertThat(r.partition()).isEqualTo(i % 2);
                assertThat(text(r.value())).isEqualTo("value-" + i);
                assertThat(text(r.headers().lastHeader("trace").value())).isEqualTo("t-" + i);
                assertThat(text(r.headers().lastHeader("origin").value())).isEqualTo("A");
            }

            try (Admin admin = B.cluster().admin()) {
                assertThat(admin.describeTopics(Set.of(remote)).allTopicNames().get().get(remote).partitions())
                        .hasSize(2);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, remote);
                    Config config = admin.describeConfigs(Set.of(res)).all().get().get(res);
                    assertThat(config.get("retention.ms").value()).isEqualTo("123456789");
                    assertThat(config.get("max.message.bytes").value()).isEqualTo("654321");
                });

                // the group's offsets on A (at the end of both partitions) translated to B's copy of the topic
                Map<TopicPartition, Long> ends = new HashMap<>();
                for (int p = 0; p < 2; p++) {
                    TopicPartition tp = new TopicPartition(remote, p);
                    ListOffsetsResult.ListOffsetsResultInfo end = admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                            .partitionResult(tp).get();
                    ends.put(tp, end.offset());
                }
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Map<TopicPartition, OffsetAndMetadata> synced = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    assertThat(synced).hasSize(2);
                    ends.forEach((tp, end) -> assertThat(synced.get(tp).offset()).as(tp.toString()).isEqualTo(end));
                });
                assertThat(admin.listTopics().names().get()).contains("heartbeats", "A.checkpoints.internal");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(consume(B.bootstrapServers(), "heartbeats", 1)).isNotEmpty());
            for (String name : List.of("mm2-source", "mm2-checkpoint", "mm2-heartbeat")) {
                RealPlugins.running(url, name);
            }
        }
    }

    /** The failure this compatibility layer removes, with the advice a user gets when Apache's jars are absent. */
    @Test
    void shouldRefuseMirrorMakerAndSayWhereApachesWorkerJarsAreExpectedWhenTheyAreMissing() throws Exception {
        Map<String, String> worker = RealPlugins.workerProps(B.bootstrapServers(), dir);
        String pluginPath = RealPlugins.pluginPath();
        String saved = System.clearProperty(ConnectWorker.APACHE_WORKER_DIR_PROPERTY);
        Plugins plugins = Plugins.discover(List.of(pluginPath), PluginDiscovery.HYBRID_WARN);
        try (ConnectWorker rill = ConnectWorker.builder().workerProperties(worker).connectors(List.of()).start()) {
            PluginDesc mirror = plugins.connector("MirrorSourceConnector");
            assertThatThrownBy(() -> Class.forName("org.apache.kafka.connect.runtime.ConnectorConfig", true,
                    mirror.loader()))
                    .isInstanceOf(ClassNotFoundException.class)
                    .hasMessageContaining("is a class Apache Kafka's Connect worker provides to plugins")
                    .hasMessageContaining(mirror.location())
                    .hasMessageContaining("-D" + ConnectWorker.APACHE_WORKER_DIR_PROPERTY + "=<dir>");

            Map<String, String> source = mirror("mm2-no-jars", "org.apache.kafka.connect.mirror.MirrorSourceConnector");
            source.put("topics", "nothing");
            RealPlugins.Answer created = RealPlugins.put(rill.restUrl(), "/connectors/mm2-no-jars/config", source);
            assertThat(created.status()).as(String.valueOf(created)).isGreaterThanOrEqualTo(400);
            // never an empty 500: the answer names the missing class and what to do
            assertThat(String.valueOf(created.body())).as(String.valueOf(created))
                    .contains("org/apache/kafka/connect/runtime").contains("plugin.path");
            assertThat(RealPlugins.get(rill.restUrl(), "/connectors/mm2-no-jars/status").status()).isEqualTo(404);
        } finally {
            plugins.close();
            System.setProperty(ConnectWorker.APACHE_WORKER_DIR_PROPERTY, saved);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    /** Reads the whole topic with {@code group} and commits its position (the end of each partition). */
    private static void commitGroupAtEnd(String group, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(A.bootstrapServers(), group)) {
            c.subscribe(List.of(topic));
            int seen = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen < RECORDS && System.currentTimeMillis() < deadline) {
                seen += c.poll(Duration.ofMillis(200)).count();
            }
            assertThat(seen).isEqualTo(RECORDS);
            c.commitSync();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** Reads at least {@code count} records from the start of {@code topic} (waits up to 60 s). */
    private static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap, "reader-" + UUID.randomUUID())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < count && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
