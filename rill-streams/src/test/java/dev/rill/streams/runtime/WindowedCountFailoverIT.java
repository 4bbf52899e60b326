package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 10 s tumbling-window count over a 4-partition input, under exactly_once_v2, on two instances: one runs in a child
 * JVM and is killed with SIGKILL midway (no commit, no leaving the group), the survivor restores its window stores
 * from the changelogs and finishes. The last committed count of every window must be the exact count, which is what
 * an uninterrupted run produces (no window is late: each partition's timestamps increase and the grace is an hour).
 */
class WindowedCountFailoverIT {
    private static final Logger LOG = LoggerFactory.getLogger(WindowedCountFailoverIT.class);
    private static final int RECORDS = 40_000;
    private static final int KEYS = 40;
    /**
     * Record timestamps start at the current time (on a window boundary): timestamps far in the past would let the
     * broker's time-based retention delete input, changelog and output segments during the test.
     */
    private static final long START = System.currentTimeMillis() / 10_000 * 10_000;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @Test
    void finalWindowCountsAreExactAfterAnInstanceIsKilled() throws Exception {
        run(false);
    }

    /**
     * The same with onWindowClose: the survivor rebuilds the not yet emitted windows of the killed instance's tasks
     * from their restored stores and emits them when they close (a window emitted before the kill may come again, with
     * the same count). A last record per key, two windows later, closes every window.
     */
    @Test
    void everyWindowIsEmittedOnCloseWithItsExactCountAfterAnInstanceIsKilled() throws Exception {
        run(true);
    }

    private void run(boolean onClose) throws Exception {
        String in = KAFKA.cluster().newTopic("window-fault-in", 4);
        String out = KAFKA.cluster().newTopic("window-fault-out", 4);
        String appId = "window-fault-" + UUID.randomUUID();
        Process victim = startVictim(appId, in, out, onClose);
        RillStreams survivor = new RillStreams(WindowedCountApp.topology(in, out, onClose),
                WindowedCountApp.props(KAFKA.bootstrapServers(), appId, tempDir()));
        Thread producer = new Thread(() -> produce(in, 0, RECORDS), "input-producer");
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(victimLog())
                    && Files.readString(victimLog()).contains("STATE RUNNING"));
            survivor.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> survivor.state() == RillStreams.State.RUNNING
                    && tasksOf(survivor) == 2);
            producer.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> committedTotal(appId) >= RECORDS / 4);
            victim.destroyForcibly().waitFor();
            long atKill = committedTotal(appId);
            LOG.info("Killed one instance (2 of 4 tasks) after {} committed input records", atKill);
            assertThat(atKill).as("the kill came while input was still being processed").isLessThan(RECORDS);
            producer.join();
            int total = RECORDS;
            if (onClose) {
                closeEveryWindow(in);
                total += KEYS;
            }
            int expectedCommitted = total;
            await().atMost(Duration.ofSeconds(180)).until(() -> committedTotal(appId) >= expectedCommitted);

            // the killed instance's open transaction holds back read_committed readers until the broker aborts it
            // (transaction timeout): wait until no transaction is open on the output
            await().atMost(Duration.ofSeconds(120)).until(() -> noOpenTransactions(out));
            Map<String, String> last = lastCommittedValues(out);
            assertThat(last).as("every window's final count").isEqualTo(expectedCounts());
        } finally {
            victim.destroyForcibly();
            survivor.close(Duration.ofSeconds(30));
        }
    }

    /** Record i: key {@code k<i % KEYS>}, timestamp START + i * 10 ms, so 1 000 records per 10 s window. */
    private static Map<String, String> expectedCounts() {
        Map<String, Long> counts = new HashMap<>();
        long size = WindowedCountApp.WINDOW.toMillis();
        for (int i = 0; i < RECORDS; i++) {
            long ts = START + i * 10L;
            counts.merge("k" + (i % KEYS) + "@" + (ts - ts % size), 1L, Long::sum);
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /**
     * One record per key two windows after the input: stream time passes the end of every input window (no grace).
     * Not further ahead: brokers refuse timestamps more than an hour in the future.
     */
    private static void closeEveryWindow(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int k = 0; k < KEYS; k++) {
                producer.send(new ProducerRecord<>(topic, null, START + RECORDS * 10L + 2 * WindowedCountApp.WINDOW.toMillis(), "k" + k, "v"));
            }
            producer.flush();
        }
    }

    private static void produce(String topic, int from, int to) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, null, START + i * 10L, "k" + (i % KEYS), "v"));
                if (i % 100 == 99) {
                    LockSupport.parkNanos(20_000_000L); // pace the input (about 5 000 records/s) so the kill lands mid-stream
                }
            }
            producer.flush();
        }
    }

    /** Whether the output's last stable offsets equal its end offsets on every partition. */
    private static boolean noOpenTransactions(String topic) {
        return endOffsets(topic, "read_committed").equals(endOffsets(topic, "read_uncommitted"));
    }

    private static Map<TopicPartition, Long> endOffsets(String topic, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            return c.endOffsets(c.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList());
        }
    }

    /** The last committed value per key of the output (read_committed, from the beginning to the end). */
    private static Map<String, String> lastCommittedValues(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, String> last = new TreeMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    last.put(r.key(), r.value());
                }
            }
        }
        return last;
    }

    private static int tasksOf(RillStreams s) {
        return s.threadTasks().values().stream().mapToInt(List::size).sum();
    }

    private static long committedTotal(String appId) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata().get();
            return m.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static String tempDir() throws Exception {
        return Files.createTempDirectory("rill-window-fault-").toString();
    }

    private static Path victimLog() {
        return new File("target/window-count-victim.log").toPath();
    }

    private static Process startVictim(String appId, String in, String out, boolean onClose) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                WindowedCountApp.class.getName(), KAFKA.bootstrapServers(), appId, in, out, tempDir(),
                onClose ? "close" : "update"));
        pb.redirectErrorStream(true);
        Files.deleteIfExists(victimLog());
        pb.redirectOutput(victimLog().toFile());
        return pb.start();
    }
}
