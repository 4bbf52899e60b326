package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rill mirror mm2.properties} as a user runs it: its own JVM on two embedded clusters A and B, flow A->B from
 * an mm2.properties as MirrorMaker 2 takes it; records arrive on {@code A.<topic>} with keys and partitions kept,
 * the status line shows the flow running with its replication latency, SIGTERM stops it with a message, and a restart continues without
 * copying the first records again. Invalid files are refused with every problem listed.
 */
class MirrorCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.singleNode();
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    private static final List<String> HOME = List.of("-Drill.home=" + Path.of("").toAbsolutePath().getParent());

    @Test
    void mirrorsAFlowShowsItsStatusAndContinuesAfterARestart() throws Exception {
        String topic = "orders-" + UUID.randomUUID().toString().substring(0, 8);
        A.cluster().createTopic(topic, 3, 1);
        produce(topic, 0, 150);
        Path mm2 = Files.write(dir.resolve("mm2.properties"), List.of(
                "clusters = A, B",
                "A.bootstrap.servers = " + A.bootstrapServers(),
                "B.bootstrap.servers = " + B.bootstrapServers(),
                "A->B.enabled = true",
                "A->B.topics = orders-.*",
                "replication.factor = 1",
                "refresh.topics.interval.seconds = 1"), StandardCharsets.UTF_8);
        String dataDir = dir.resolve("data").toString();
        try (ForkedCli mirror = ForkedCli.start(HOME, "mirror", mm2.toString(), "--data-dir", dataDir,
                "--status-interval", "1")) {
            assertThat(mirror.awaitLine("Rill Mirror running: flows A->B")).isTrue();
            Map<Integer, List<String>> copied = awaitRecords("A." + topic, 150);
            assertThat(copied.keySet()).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(mirror.awaitLine("A->B         RUNNING  replicated 150 ")).as("a status line with every "
                    + "record of the flow replicated").isTrue();
            assertThat(mirror.awaitLine("lag 0  latency avg ")).as("the flow's replication latency, read from "
                    + "the metrics of the source task in the process").isTrue();
            assertThat(mirror.terminate()).isIn(0, 143);
            assertThat(mirror.awaitLine("Rill Mirror stopped; source positions are kept in the target clusters"))
                    .isTrue();
        }
        produce(topic, 150, 200);
        try (ForkedCli mirror = ForkedCli.start(HOME, "mirror", mm2.toString(), "--data-dir", dataDir,
                "--status-interval", "1")) {
            assertThat(mirror.awaitLine("replicated 200 ")).isTrue();
            Map<Integer, List<String>> copied = awaitRecords("A." + topic, 200);
            List<String> all = new ArrayList<>();
            copied.values().forEach(all::addAll);
            assertThat(all).as("every record once: the restart continued from the saved positions")
                    .hasSize(200).doesNotHaveDuplicates();
            mirror.terminate();
        }
    }

    @Test
    void saysSoWhenAClusterDoesNotAnswerAndKeepsRetrying() throws Exception {
        String nobody = "localhost:" + closedPort();
        Path sourceDown = Files.write(dir.resolve("source-down.properties"), List.of(
                "clusters = A, B",
                "A.bootstrap.servers = " + nobody,
                "B.bootstrap.servers = " + B.bootstrapServers(),
                "A->B.enabled = true",
                "emit.heartbeats.enabled = false",
                // a worker group of its own (MirrorMaker 2's worker keys), apart from the other test's
                "B.group.id = mirror-down",
                "config.storage.topic = mirror-down-configs",
                "offset.storage.topic = mirror-down-offsets",
                "status.storage.topic = mirror-down-status"), StandardCharsets.UTF_8);
        try (ForkedCli mirror = ForkedCli.start(HOME, "mirror", sourceDown.toString(), "--data-dir",
                dir.resolve("down-a").toString(), "--status-interval", "1")) {
            assertThat(mirror.awaitLine("worker for B (group mirror-down, exactly once)")).isTrue();
            assertThat(mirror.awaitLine("source cluster A (" + nobody + ") unreachable")).as("a status line "
                    + "naming the unreachable source").isTrue();
            assertThat(mirror.terminate()).isIn(0, 143);
        }
        Path targetDown = Files.write(dir.resolve("target-down.properties"), List.of(
                "clusters = A, B",
                "A.bootstrap.servers = " + A.bootstrapServers(),
                "B.bootstrap.servers = " + nobody,
                "A->B.enabled = true"), StandardCharsets.UTF_8);
        try (ForkedCli mirror = ForkedCli.start(HOME, "mirror", targetDown.toString(), "--data-dir",
                dir.resolve("down-b").toString())) {
            assertThat(mirror.awaitLine("cluster B (" + nobody + ") does not answer")).isTrue();
            assertThat(mirror.awaitLine("retrying every 5 s")).isTrue();
            assertThat(mirror.terminate()).isIn(0, 143);
        }
    }

    /** A local port nothing listens on. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void refusesAnInvalidFileListingEveryProblem() throws Exception {
        Path mm2 = Files.write(dir.resolve("bad.properties"), List.of(
                "clusters = A, B",
                "A.bootstrap.servers = localhost:1",
                "A->C.enabled = true",
                "B->B.enabled = true"), StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        System.setProperty(BuiltInPlugins.HOME_PROPERTY, HOME.get(0).substring("-Drill.home=".length()));
        try {
            assertThat(commandLine.execute("mirror", mm2.toString())).isEqualTo(1);
        } finally {
            System.clearProperty(BuiltInPlugins.HOME_PROPERTY);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message).startsWith("rill mirror: ").contains("'C'").contains("B->B");
        assertThat(message.lines()).as("one message, no stack trace").noneMatch(l -> l.startsWith("\tat "));
    }

    private static void produce(String topic, int from, int to) {
        Map<String, Object> config = Map.of("bootstrap.servers", A.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, i % 3, "k" + i, "v" + i));
            }
        }
    }

    /** The records of {@code topic} on B by partition, once it holds {@code count}. */
    private static Map<Integer, List<String>> awaitRecords(String topic, int count) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        Map<String, Object> config = Map.of("bootstrap.servers", B.bootstrapServers(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            await().atMost(Duration.ofSeconds(90)).until(() -> consumer.listTopics().containsKey(topic));
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int[] seen = {0};
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.key() + "=" + r.value());
                    assertThat(Integer.parseInt(r.key().substring(1)) % 3).as("partition kept").isEqualTo(r.partition());
                    seen[0]++;
                }
                return seen[0] >= count;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(r -> byPartition.computeIfAbsent(r.partition(),
                    p -> new ArrayList<>()).add(r.key() + "=" + r.value()));
        }
        return byPartition;
    }
}
