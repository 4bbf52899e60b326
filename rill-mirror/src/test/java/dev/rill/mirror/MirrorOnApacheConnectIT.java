package dev.rill.mirror;

import static dev.rill.mirror.MirrorTesting.flows;
import static dev.rill.mirror.MirrorTesting.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.connect.oracle.ApacheConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rill Mirror's connectors are Kafka Connect plugins: from the same plugin directory, unmodified, they run on Apache
 * Kafka Connect 4.3.1 (standalone, in a child JVM) and replicate a topic from A to B with keys, values, headers and
 * timestamps, and write MirrorMaker 2's heartbeats; the source connector runs one task per source partition there
 * too.
 */
class MirrorOnApacheConnectIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.singleNode();
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.singleNode();

    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 50;

    @TempDir
    Path dir;

    @Test
    void theConnectorsReplicateOnApacheKafkaConnect() throws Exception {
        A.cluster().createTopic("orders", PARTITIONS, 1);
        long base = System.currentTimeMillis() - 60_000;
        produce(base);
        List<MirrorTesting.Flow> flows = flows("""
                clusters = A, B
                A.bootstrap.servers = %s
                B.bootstrap.servers = %s
                A->B.enabled = true
                A->B.topics = orders
                replication.factor = 1
                """.formatted(A.bootstrapServers(), B.bootstrapServers()));
        List<Map<String, String>> connectors = new ArrayList<>();
        flows.stream().filter(f -> f.target().equals("B")).forEach(f -> connectors.addAll(f.connectors()));
        assertThat(connectors).hasSize(3);

        Map<String, String> worker = Map.of(
                "bootstrap.servers", B.bootstrapServers(),
                "plugin.path", System.getProperty("rill.plugin.path"),
                "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        try (ApacheConnectWorker apache = ApacheConnectWorker.startStandalone(worker, dir, connectors,
                Duration.ofSeconds(120))) {
            List<ConsumerRecord<String, String>> copied = readAll("A.orders");
            assertThat(copied).hasSize(PARTITIONS * PER_PARTITION);
            for (ConsumerRecord<String, String> r : copied) {
                String[] parts = r.value().split("-"); // <partition>-<i>
                assertThat(r.partition()).as("same partition as on A").isEqualTo(Integer.parseInt(parts[0]));
                assertThat(r.key()).isEqualTo("k" + parts[1]);
                assertThat(r.timestamp()).isEqualTo(base + Integer.parseInt(parts[1]));
                assertThat(new String(r.headers().lastHeader("origin").value(), StandardCharsets.UTF_8))
                        .isEqualTo("A");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> topics(B.bootstrapServers()).contains("heartbeats"));
            // one task per source partition, under the cap mm2.properties gives the source connector (8)
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    MirrorTesting.status(apache.restUrl(), "mirror-source-A-to-B").allRunning(PARTITIONS));
            assertThat(apache.isAlive()).isTrue();
        }
    }

    private static void produce(long base) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, A.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    ProducerRecord<String, String> record = new ProducerRecord<>("orders", partition, base + i,
                            "k" + i, partition + "-" + i);
                    record.headers().add("origin", "A".getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                }
            }
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        await().atMost(Duration.ofSeconds(120)).until(() -> topics(B.bootstrapServers()).contains(topic));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, B.bootstrapServers());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                partitions.add(new TopicPartition(topic, i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.partitionsFor(topic).size() == PARTITIONS);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= PARTITIONS * PER_PARTITION;
            });
            // nothing more than the source holds
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
