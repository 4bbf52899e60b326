package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.processor.StateRestoreListener;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once without wiping: an instance holding a 100 000-key RocksDB count runs in a child JVM and is killed with
 * SIGKILL in the middle of the stream; restarted on the same state directory it reopens its stores as they are and
 * restores at most one transaction's changelog records per partition (its stores hold every commit it applied; the
 * Kafka commit of the last one may have landed just before the kill). A {@code read_committed} reader sees each key's
 * counts exactly 1, 2, …, n.
 */
class ExactlyOnceNoWipeIT {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceNoWipeIT.class);
    private static final int KEYS = 100_000;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(() -> EmbeddedKafkaCluster.builder()
            // the killed instance's open transaction is aborted soon after transaction.timeout.ms (10 s)
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
    void anInstanceKilledMidStreamResumesFromItsLocalStateAndRestoresOnlyItsLastTransaction() throws Exception {
        String in = KAFKA.cluster().newTopic("nowipe-in", 2);
        String out = KAFKA.cluster().newTopic("nowipe-out", 2);
        String appId = "nowipe-" + System.nanoTime();
        String stateDir = Files.createTempDirectory("rill-nowipe-").toString();
        ExactlyOnceVerifier v = new ExactlyOnceVerifier(KAFKA.bootstrapServers());
        v.produce(in, KEYS, 0, 1);
        victim = startVictim(appId, in, out, stateDir);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> committedInput(appId) >= KEYS / 2);
        victim.destroyForcibly().waitFor();
        long atKill = committedInput(appId);
        LOG.info("Killed the instance after {} committed input records", atKill);
        assertThat(atKill).as("killed in the middle of the stream").isLessThan(KEYS);

        Map<TopicPartition, Long> restored = new ConcurrentHashMap<>();
        Map<TopicPartition, long[]> ranges = new ConcurrentHashMap<>();
        RillStreams restarted = new RillStreams(ExactlyOnceCountApp.topology(in, out, x -> x),
                ExactlyOnceCountApp.props(KAFKA.bootstrapServers(), appId, stateDir));
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
        v.produce(in, KEYS, 1, 2);
        await().atMost(Duration.ofSeconds(120)).until(() -> committedInput(appId) == 2L * KEYS);
        LOG.info("The restarted instance committed all input {} ms after its start", (System.nanoTime() - begin)
                / 1_000_000);

        ExactlyOnceVerifier.assertExactlyOneToN(v.readCommittedUntil(out, KEYS, 2), KEYS, 2);
        String changelog = appId + "-counts-changelog";
        for (int p = 0; p < 2; p++) {
            TopicPartition tp = new TopicPartition(changelog, p);
            long[] range = ranges.getOrDefault(tp, new long[] {-1, -1});
            long n = restored.getOrDefault(tp, 0L);
            long largest = largestCommittedTransaction(tp);
            LOG.info("Restart after SIGKILL: {} restored {} records (offsets {}..{}); largest transaction {} records; "
                    + "start to RUNNING {} ms (includes the session timeout of the dead member)", tp, n, range[0],
                    range[1], largest, toRunningMs);
            assertThat(n).as("records restored for %s: at most the last transaction", tp).isLessThanOrEqualTo(largest);
        }
        assertThat(restored.values().stream().mapToLong(Long::longValue).sum())
                .as("far fewer than the %s changelog records written before the kill", atKill)
                .isLessThan(atKill / 5);
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

    private static Process startVictim(String appId, String in, String out, String stateDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = new File("target/eos-nowipe-victim.log").toPath();
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ExactlyOnceCountApp.class.getName(), KAFKA.bootstrapServers(), appId, in, out, stateDir));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }
}
