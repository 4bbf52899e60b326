package dev.rill.mirror;

import static dev.rill.mirror.MirrorTesting.flows;
import static dev.rill.mirror.MirrorTesting.startWorker;
import static dev.rill.mirror.MirrorTesting.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
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
 * Active/active, as Apache Kafka's own MirrorMaker 2 tests: clusters A and B both hold topic {@code test} (10
 * partitions × 100 records); flows A->B and B->A from one mm2.properties, each on a Rill standalone worker on its
 * target. Exactly 100 records per partition arrive each way, with key, value, header and timestamp, and nothing
 * cycles back.
 */
class MirrorActiveActiveIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.singleNode();
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.singleNode();

    private static final int PARTITIONS = 10;
    private static final int PER_PARTITION = 100;

    @TempDir
    Path dir;

    @Test
    void shouldReplicateBothWaysExactlyOnceEachWithoutCycles() throws Exception {
        A.cluster().createTopic("test", PARTITIONS, 1);
        B.cluster().createTopic("test", PARTITIONS, 1);
        long base = System.currentTimeMillis() - 60_000;
        produce(A.bootstrapServers(), "A", base);
        produce(B.bootstrapServers(), "B", base);

        List<MirrorTesting.Flow> flows = flows("""
                clusters = A, B
                A.bootstrap.servers = %s
                B.bootstrap.servers = %s
                A->B.enabled = true
                B->A.enabled = true
                replication.factor = 1
                emit.checkpoints.enabled = false
                """.formatted(A.bootstrapServers(), B.bootstrapServers()));
        long start = System.nanoTime();
        try (ConnectWorker onB = startWorker(flows, "B", B.bootstrapServers(), dir);
             ConnectWorker onA = startWorker(flows, "A", A.bootstrapServers(), dir)) {
            Map<Integer, List<ConsumerRecord<String, String>>> onBFromA = readExactly(B.bootstrapServers(), "A.test");
            Map<Integer, List<ConsumerRecord<String, String>>> onAFromB = readExactly(A.bootstrapServers(), "B.test");
            System.out.printf("active/active: %d + %d records replicated %.1f s after the workers started%n",
                    PARTITIONS * PER_PARTITION, PARTITIONS * PER_PARTITION, (System.nanoTime() - start) / 1e9);
            assertReplicated(onBFromA, "A", base);
            assertReplicated(onAFromB, "B", base);

            // one more look for topics on each side after A.test/B.test exist: a new topic on each side crosses over
            String late = "late-" + UUID.randomUUID().toString().substring(0, 8);
            A.cluster().createTopic(late, 1, 1);
            B.cluster().createTopic(late, 1, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> topics(B.bootstrapServers()).contains("A." + late)
                    && topics(A.bootstrapServers()).contains("B." + late));

            assertThat(topics(A.bootstrapServers())).doesNotContain("A.test", "B.A.test", "A.B.test");
            assertThat(topics(B.bootstrapServers())).doesNotContain("B.test", "A.B.test", "B.A.test");
            assertThat(readExactly(B.bootstrapServers(), "A.test").values()).allSatisfy(
                    records -> assertThat(records).hasSize(PER_PARTITION));
            assertThat(readExactly(A.bootstrapServers(), "B.test").values()).allSatisfy(
                    records -> assertThat(records).hasSize(PER_PARTITION));
            assertThat(topics(A.bootstrapServers())).as("B's heartbeats replicated to A").contains("B.heartbeats");
            assertThat(topics(B.bootstrapServers())).contains("heartbeats", "A.heartbeats", "mm2-offset-syncs.A.internal")
                    .as("offset syncs of A->B live on the source, A").doesNotContain("mm2-offset-syncs.B.internal");
        }
    }

    private static void produce(String bootstrap, String origin, long base) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    ProducerRecord<String, String> record = new ProducerRecord<>("test", partition, base + i,
                            "k" + i, origin + "-" + partition + "-" + i);
                    record.headers().add("origin", origin.getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                }
            }
            producer.flush();
        }
    }

    /** Reads every partition of {@code topic} to its end once 1000 records are there. */
    private static Map<Integer, List<ConsumerRecord<String, String>>> readExactly(String bootstrap, String topic) {
        await().atMost(Duration.ofSeconds(60)).until(() -> topics(bootstrap).contains(topic));
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.partitionsFor(topic).size() == PARTITIONS);
            for (int i = 0; i < PARTITIONS; i++) {
                partitions.add(new TopicPartition(topic, i));
                byPartition.put(i, new ArrayList<>());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue).sum() >= (long) PARTITIONS * PER_PARTITION);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byPartition.get(r.partition()).add(r));
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return byPartition;
    }

    private static void assertReplicated(Map<Integer, List<ConsumerRecord<String, String>>> byPartition,
                                         String origin, long base) {
        assertThat(byPartition).hasSize(PARTITIONS);
        byPartition.forEach((partition, records) -> {
            assertThat(records).as("partition %d from %s", partition, origin).hasSize(PER_PARTITION);
            for (int i = 0; i < PER_PARTITION; i++) {
                ConsumerRecord<String, String> record = records.get(i);
                assertThat(record.key()).isEqualTo("k" + i);
                assertThat(record.value()).isEqualTo(origin + "-" + partition + "-" + i);
                assertThat(record.timestamp()).isEqualTo(base + i);
                assertThat(new String(record.headers().lastHeader("origin").value(), StandardCharsets.UTF_8))
                        .isEqualTo(origin);
            }
        });
    }
}
