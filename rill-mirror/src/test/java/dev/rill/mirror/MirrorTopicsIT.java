package dev.rill.mirror;

import static dev.rill.mirror.MirrorTesting.flows;
import static dev.rill.mirror.MirrorTesting.startWorker;
import static dev.rill.mirror.MirrorTesting.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.connect.ConnectWorker;
import dev.rill.connect.plugintest.WorkerTesting;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A->B with default discovery settings: a new topic on A has its remote copy, with its configs and data, on B
 * within 5 s of its creation; config changes and added partitions follow. Neither cluster has an authorizer, and
 * the topic ACL sync (on by default) does not fail the connector.
 */
class MirrorTopicsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.singleNode();
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    @Test
    void shouldReplicateANewTopicWithinFiveSecondsAndFollowItsConfigsAndPartitions() throws Exception {
        String seed = A.cluster().newTopic("seed", 1);
        WorkerTesting.produce(A.bootstrapServers(), seed, List.of(Map.entry("k", "v")));
        List<MirrorTesting.Flow> flows = flows("""
                clusters = A, B
                A.bootstrap.servers = %s
                B.bootstrap.servers = %s
                A->B.enabled = true
                A->B.sync.topic.configs.interval.seconds = 1
                emit.checkpoints.enabled = false
                """.formatted(A.bootstrapServers(), B.bootstrapServers()));
        try (ConnectWorker worker = startWorker(flows, "B", B.bootstrapServers(), dir);
             Admin adminA = A.cluster().admin(); Admin adminB = B.cluster().admin()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> recordCount(B.bootstrapServers(), "A." + seed) == 1);

            String fresh = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
            long created = System.nanoTime();
            adminA.createTopics(List.of(new NewTopic(fresh, 3, (short) 1)
                    .configs(Map.of("max.message.bytes", "200000")))).all().get();
            produce(fresh, 0, 10);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> recordCount(B.bootstrapServers(), "A." + fresh) == 10);
            System.out.printf("discovery: new topic %s replicated with its 10 records %.2f s after creation%n",
                    fresh, (System.nanoTime() - created) / 1e9);
            assertThat(remoteConfig(adminB, "A." + fresh, "max.message.bytes")).isEqualTo("200000");

            ConfigResource source = new ConfigResource(ConfigResource.Type.TOPIC, fresh);
            adminA.incrementalAlterConfigs(Map.of(source, List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", "7200000"), AlterConfigOp.OpType.SET)))).all().get();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "7200000".equals(remoteConfig(adminB, "A." + fresh, "retention.ms")));

            adminA.createPartitions(Map.of(fresh, NewPartitions.increaseTo(5))).all().get();
            produce(fresh, 4, 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> recordCount(B.bootstrapServers(), "A." + fresh) == 15);
            assertThat(adminB.describeTopics(List.of("A." + fresh)).allTopicNames().get().get("A." + fresh)
                    .partitions()).hasSize(5);
            assertThat(endOffset(B.bootstrapServers(), new TopicPartition("A." + fresh, 4))).isEqualTo(5);
            assertThat(topics(B.bootstrapServers())).doesNotContain("A.mm2-offset-syncs.B.internal", "A.heartbeats");
            // neither cluster has an authorizer: the topic ACL sync (on by default, first run at start, then
            // every 5 s) finds nothing to do and fails nothing. The added partitions restart the tasks (their
            // partition sets change), so the tasks are UNASSIGNED for a moment and then RUNNING again; a failed
            // task would stay FAILED.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                MirrorTesting.Status status = MirrorTesting.status(worker, "mirror-source-A-to-B");
                assertThat(status.state()).isEqualTo("RUNNING");
                assertThat(status.taskStates()).isNotEmpty().containsOnly("RUNNING");
            });
        }
    }

    @Test
    void shouldResumeFromItsStoredPositionsAfterARestart() throws Exception {
        String topic = A.cluster().newTopic("resume", 2);
        produce(topic, 0, 60);
        produce(topic, 1, 40);
        List<MirrorTesting.Flow> flows = flows("""
                clusters = A, B
                A.bootstrap.servers = %s
                B.bootstrap.servers = %s
                A->B.enabled = true
                A->B.topics = resume-.*
                emit.checkpoints.enabled = false
                """.formatted(A.bootstrapServers(), B.bootstrapServers()));
        Path restartDir = dir.resolve("restart");
        try (ConnectWorker worker = startWorker(flows, "B", B.bootstrapServers(), restartDir)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> recordCount(B.bootstrapServers(), "A." + topic) == 100);
        }
        produce(topic, 0, 30);
        produce(topic, 1, 20);
        try (ConnectWorker worker = startWorker(flows, "B", B.bootstrapServers(), restartDir)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> recordCount(B.bootstrapServers(), "A." + topic) >= 150);
            // a later topic proves the task kept going after the 150th record: nothing was copied twice
            String other = A.cluster().newTopic("resume", 1);
            produce(other, 0, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> recordCount(B.bootstrapServers(), "A." + other) == 1);
            assertThat(endOffset(B.bootstrapServers(), new TopicPartition("A." + topic, 0))).isEqualTo(90);
            assertThat(endOffset(B.bootstrapServers(), new TopicPartition("A." + topic, 1))).isEqualTo(60);
        }
    }

    private static void produce(String topic, int partition, int count) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, A.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            IntStream.range(0, count).forEach(i -> producer.send(
                    new ProducerRecord<>(topic, partition, "k" + i, "v" + i)));
            producer.flush();
        }
    }

    private static String remoteConfig(Admin admin, String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
    }

    private static long recordCount(String bootstrap, String topic) {
        if (!topics(bootstrap).contains(topic)) {
            return -1;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            Collection<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static long endOffset(String bootstrap, TopicPartition partition) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }
}
