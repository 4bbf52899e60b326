package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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

/**
 * Two {@code rill mirror} processes share a flow A->B (one distributed worker group on B) while records keep arriving
 * on A; three times, one of them is killed with SIGKILL mid-stream and started again. A {@code read_committed}
 * consumer on B then finds every source record exactly once, in its source partition and order: the killed
 * process's open transactions were aborted, its tasks moved to the survivor, and the replacements resumed from the
 * positions committed with the records.
 */
class MirrorCrashIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.singleNode();
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.singleNode();

    private static final List<String> HOME = List.of("-Drill.home=" + Path.of("").toAbsolutePath().getParent());
    private static final int PARTITIONS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void killingProcessesMidStreamLosesAndDuplicatesNothing() throws Exception {
        String topic = "events-" + UUID.randomUUID().toString().substring(0, 8);
        A.cluster().createTopic(topic, PARTITIONS, 1);
        Path mm2 = Files.write(dir.resolve("mm2.properties"), List.of(
                "clusters = A, B",
                "A.bootstrap.servers = " + A.bootstrapServers(),
                "B.bootstrap.servers = " + B.bootstrapServers(),
                "A->B.enabled = true",
                "A->B.topics = " + topic,
                "tasks.max = 2",
                "replication.factor = 1",
                "emit.checkpoints.enabled = false"), StandardCharsets.UTF_8);
        ForkedCli[] mirrors = new ForkedCli[2];
        CompletableFuture<ForkedCli> second = CompletableFuture.supplyAsync(() -> start(mm2, "p1"));
        mirrors[0] = start(mm2, "p0");
        mirrors[1] = second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> producing = CompletableFuture.supplyAsync(() -> produce(topic, stop));
        try (KafkaConsumer<String, String> reader = committedReader()) {
            Map<Integer, List<Integer>> seen = new TreeMap<>();
            String remote = "A." + topic;
            await().atMost(TIMEOUT).until(() -> reader.listTopics().containsKey(remote));
            List<TopicPartition> partitions = reader.partitionsFor(remote).stream()
                    .map(p -> new TopicPartition(remote, p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            await().atMost(TIMEOUT).until(() -> read(reader, seen) >= 2_000);
            for (int round = 1; round <= 3; round++) {
                int victim = round % 2;
                mirrors[victim].kill();
                long killed = System.nanoTime();
                Map<Integer, Integer> before = sizes(seen);
                // the survivor alone carries on: every partition advances, including those the victim copied
                await().atMost(TIMEOUT).until(() -> {
                    read(reader, seen);
                    return before.entrySet().stream().allMatch(e -> sizes(seen).get(e.getKey()) >= e.getValue() + 200);
                });
                System.out.println("round " + round + ": killed mirror p" + victim + " after " + total(before)
                        + " records; every partition advanced by 200 records on the survivor after "
                        + (System.nanoTime() - killed) / 1_000_000 + " ms");
                mirrors[victim] = start(mm2, "p" + victim);
                int next = count(seen) + 2_000;
                await().atMost(TIMEOUT).until(() -> read(reader, seen) >= next);
            }
            stop.set(true);
            int produced = producing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(TIMEOUT).until(() -> read(reader, seen) >= produced);
            reader.poll(Duration.ofSeconds(2)).forEach(r -> add(seen, r)); // anything beyond would be a duplicate

            for (int p = 0; p < PARTITIONS; p++) {
                List<Integer> expected = new ArrayList<>();
                for (int i = p; i < produced; i += PARTITIONS) {
                    expected.add(i);
                }
                assertThat(seen.get(p)).as("partition %d: every record once, in source order", p)
                        .containsExactlyElementsOf(expected);
            }
            System.out.println(produced + " records produced, each read once from B");
        } finally {
            for (ForkedCli mirror : mirrors) {
                mirror.close();
            }
        }
    }

    private ForkedCli start(Path mm2, String name) {
        try {
            long begin = System.nanoTime();
            ForkedCli mirror = ForkedCli.start(HOME, "mirror", mm2.toString(), "--data-dir",
                    dir.resolve(name).toString(), "--status-interval", "2");
            assertThat(mirror.awaitLine("Rill Mirror running: flows A->B")).as(name + " starts").isTrue();
            System.out.println(name + " started in " + (System.nanoTime() - begin) / 1_000_000 + " ms");
            return mirror;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes records at about 1 000 per second until stopped, so that the kills happen while records flow. */
    private static int produce(String topic, AtomicBoolean stop) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", A.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            int i = 0;
            while (!stop.get()) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, Integer.toString(i)));
                i++;
                if (i % 50 == 0) {
                    producer.flush();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // pacing, not waiting for anything
                }
            }
            producer.flush();
            return i;
        }
    }

    private static Map<Integer, Integer> sizes(Map<Integer, List<Integer>> seen) {
        Map<Integer, Integer> sizes = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            sizes.put(p, seen.getOrDefault(p, List.of()).size());
        }
        return sizes;
    }

    private static int total(Map<Integer, Integer> sizes) {
        return sizes.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static KafkaConsumer<String, String> committedReader() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", B.bootstrapServers(),
                "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer());
    }

    private static int read(KafkaConsumer<String, String> reader, Map<Integer, List<Integer>> seen) {
        reader.poll(Duration.ofMillis(200)).forEach(r -> add(seen, r));
        return count(seen);
    }

    private static void add(Map<Integer, List<Integer>> seen, ConsumerRecord<String, String> r) {
        seen.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(Integer.parseInt(r.value()));
    }

    private static int count(Map<Integer, List<Integer>> seen) {
        return total(sizes(seen));
    }
}
