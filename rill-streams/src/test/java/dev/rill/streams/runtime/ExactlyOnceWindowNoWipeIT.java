package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.state.SegmentFamilies;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once without wiping, for a segmented window store: an instance counting 10 s windows into a RocksDB window
 * store of several segments runs in a child JVM and is killed with SIGKILL in the middle of the stream. Restarted on
 * the same state directory, it keeps its window store (restoring at most one transaction's changelog records per
 * partition) and, having kept its process id there, reuses its transactional id: {@code initTransactions} aborts the
 * killed instance's open transaction at once, so the restart resumes well before the transaction timeout (60 s here)
 * would have let the broker abort it. A {@code read_committed} reader sees every window's counts exactly 1, 2, …, n,
 * n being the number of input records in it.
 */
class ExactlyOnceWindowNoWipeIT {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceWindowNoWipeIT.class);
    private static final int RECORDS = 100_000;
    private static final int KEYS = 100;
    /** Record i has timestamp START + i * STEP_MS: 15 minutes of event time, three 5-minute segments and more. */
    private static final long STEP_MS = 9;
    /** In the recent past (brokers may delete or refuse timestamps far from now), on a window boundary. */
    private static final long START = (System.currentTimeMillis() - Duration.ofMinutes(20).toMillis()) / 10_000 * 10_000;
    private static final long TRANSACTION_TIMEOUT_MS = 60_000;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(() -> EmbeddedKafkaCluster.builder()
            // were the transactional id not reused, the killed instance's transaction would end 60-61 s after the kill
            .brokerProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"));

    private final List<RillStreams> started = new ArrayList<>();
    private Process victim;

    @AfterEach
    void tearDown() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
        if (victim != null) {
            victim.destroyForcibly();
        }
    }

    @Test
    void aKilledInstanceKeepsItsWindowStoreAndItsTransactionalIdAndCountsEveryWindowExactly() throws Exception {
        String in = KAFKA.cluster().newTopic("window-nowipe-in", 2);
        String out = KAFKA.cluster().newTopic("window-nowipe-out", 2);
        String appId = "window-nowipe-" + System.nanoTime();
        String stateDir = Files.createTempDirectory("rill-window-nowipe-").toString();
        produce(in);
        victim = startVictim(appId, in, out, stateDir);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> committedInput(appId) >= RECORDS / 2 && leastCommittedPartition(appId) >= 5_000);
        victim.destroyForcibly().waitFor();
        long atKill = committedInput(appId);
        Path idFile = Path.of(stateDir, appId, "rill-process.id");
        String victimId = Files.readString(idFile).trim();
        LOG.info("Killed the instance (process id {}) after {} committed input records", victimId, atKill);
        assertThat(atKill).as("killed in the middle of the stream").isLessThan(RECORDS);
        assertThat(segmentDirs(stateDir, appId)).as("the window store spans several RocksDB segments")
                .anyMatch(n -> n >= 2);

        Map<TopicPartition, Long> restored = new ConcurrentHashMap<>();
        Map<TopicPartition, long[]> ranges = new ConcurrentHashMap<>();
        RillStreams restarted = new RillStreams(ExactlyOnceWindowedCountApp.topology(in, out),
                ExactlyOnceWindowedCountApp.props(KAFKA.bootstrapServers(), appId, stateDir, TRANSACTION_TIMEOUT_MS));
        restarted.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long from, long to) {
                ranges.put(tp, new long[] {from, to});
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long end, long n) {
                restored.merge(tp, n, Long::sum);
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
            }
        });
        started.add(restarted);
        long begin = System.nanoTime();
        restarted.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.state() == RillStreams.State.RUNNING
                && restarted.threadTasks().values().stream().mapToInt(List::size).sum() == 2);
        long toRunningMs = (System.nanoTime() - begin) / 1_000_000;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> committedInput(appId) > atKill);
        long resumeMs = (System.nanoTime() - begin) / 1_000_000;
        await().atMost(Duration.ofSeconds(120)).until(() -> committedInput(appId) == RECORDS);
        long doneMs = (System.nanoTime() - begin) / 1_000_000;
        LOG.info("Restart after SIGKILL: RUNNING after {} ms, first commit of new input after {} ms (transaction "
                + "timeout {} ms), all input committed after {} ms", toRunningMs, resumeMs, TRANSACTION_TIMEOUT_MS,
                doneMs);
        assertThat(Files.readString(idFile).trim()).as("the restart reads the process id its predecessor stored")
                .isEqualTo(victimId);
        assertThat(resumeMs).as("resumed without waiting for the broker to time out the killed transaction")
                .isLessThan(TRANSACTION_TIMEOUT_MS - 15_000);

        String changelog = appId + "-" + ExactlyOnceWindowedCountApp.STORE + "-changelog";
        long restoredTotal = 0;
        for (int p = 0; p < 2; p++) {
            TopicPartition tp = new TopicPartition(changelog, p);
            long[] range = ranges.getOrDefault(tp, new long[] {-1, -1});
            long n = restored.getOrDefault(tp, 0L);
            long largest = largestCommittedTransaction(tp);
            restoredTotal += n;
            LOG.info("Restart after SIGKILL: {} restored {} records (offsets {}..{}); largest transaction {} records",
                    tp, n, range[0], range[1], largest);
            assertThat(n).as("records restored for %s: at most the last transaction", tp).isLessThanOrEqualTo(largest);
        }
        assertThat(restoredTotal).as("far fewer than the %s changelog records written before the kill", atKill)
                .isLessThan(atKill / 5);

        Map<String, List<String>> counts = committedOutput(out);
        Map<String, Long> expected = expectedCounts();
        assertThat(counts.keySet()).as("every window has output").isEqualTo(expected.keySet());
        expected.forEach((window, n) -> {
            List<String> oneToN = new ArrayList<>();
            for (long i = 1; i <= n; i++) {
                oneToN.add(String.valueOf(i));
            }
            assertThat(counts.get(window)).as("counts of window %s", window).isEqualTo(oneToN);
        });
        LOG.info("{} windows, each counted exactly 1..n", expected.size());
    }

    /** Record i: key {@code k<i % KEYS>}, timestamp START + i * STEP_MS. */
    private static Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        long size = ExactlyOnceWindowedCountApp.WINDOW.toMillis();
        for (int i = 0; i < RECORDS; i++) {
            long ts = START + i * STEP_MS;
            counts.merge("k" + (i % KEYS) + "@" + (ts - ts % size), 1L, Long::sum);
        }
        return counts;
    }

    private static void produce(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, null, START + i * STEP_MS, "k" + (i % KEYS), "v"));
            }
            producer.flush();
        }
    }

    /** Per task directory, the number of segments (column families of its database) of the window store. */
    private static List<Integer> segmentDirs(String stateDir, String appId) {
        List<Integer> out = new ArrayList<>();
        File[] tasks = new File(stateDir, appId).listFiles(File::isDirectory);
        for (File task : tasks == null ? new File[0] : tasks) {
            out.add(SegmentFamilies.of(new File(task, "rocksdb/" + ExactlyOnceWindowedCountApp.STORE)).size());
        }
        return out;
    }

    /** Every committed value per key of the output, in offset order (read_committed, to the end). */
    private static Map<String, List<String>> committedOutput(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        Map<String, List<String>> values = new HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    values.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                }
            }
        }
        return values;
    }

    /**
     * The most records one committed transaction wrote to a changelog partition: read with read_committed, a
     * transaction's records have consecutive offsets and its commit marker takes the next one.
     */
    private static long largestCommittedTransaction(TopicPartition tp) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long largest = 0;
            long run = 0;
            long previous = -2;
            long deadline = System.currentTimeMillis() + 30_000;
            while (c.position(tp) < end && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    run = r.offset() == previous + 1 ? run + 1 : 1;
                    previous = r.offset();
                    largest = Math.max(largest, run);
                }
            }
            return largest;
        }
    }

    private static long committedInput(String appId) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata().get();
            return m.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** The committed input offset of the partition that is least far; 0 until both have one. */
    private static long leastCommittedPartition(String appId) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata().get();
            return m.size() < 2 ? 0 : m.values().stream().mapToLong(OffsetAndMetadata::offset).min().orElse(0);
        }
    }

    private static Process startVictim(String appId, String in, String out, String stateDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = new File("target/eos-window-nowipe-victim.log").toPath();
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ExactlyOnceWindowedCountApp.class.getName(), KAFKA.bootstrapServers(), appId, in, out, stateDir,
                String.valueOf(TRANSACTION_TIMEOUT_MS)));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }
}
