package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.streams.RillStreams;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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
 * Two instances with two threads each on a 4-partition input of 1 M records. One instance runs in a child JVM and
 * is killed with SIGKILL (destroyForcibly) midway, so it neither commits nor leaves the group; the survivor must
 * take over its tasks once the group's session timeout expires, and every record passing the filter must reach the
 * output at least once.
 */
class TwoInstanceFailoverIT {
    private static final Logger LOG = LoggerFactory.getLogger(TwoInstanceFailoverIT.class);
    private static final int RECORDS = 1_000_000;
    private static final int SESSION_TIMEOUT_MS = 6000;

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @Test
    void survivorTakesOverAfterAbruptKillAndNoFilteredRecordIsLost() throws Exception {
        String in = KAFKA.cluster().newTopic("failover-in", 4);
        String out = KAFKA.cluster().newTopic("failover-out", 4);
        String appId = "failover-" + UUID.randomUUID();
        AtomicLong produced = new AtomicLong();
        Thread producer = new Thread(() -> produce(in, produced), "input-producer");

        Process victim = startVictim(appId, in, out);
        RillStreams survivor = null;
        try {
            await().atMost(Duration.ofSeconds(180)).until(() -> victimLog().contains("STATE RUNNING"));
            producer.start();
            survivor = new RillStreams(FailoverApp.topology(in, out),
                    FailoverApp.props(KAFKA.bootstrapServers(), appId, "survivor"));
            survivor.start();
            RillStreams s = survivor;
            await().atMost(Duration.ofSeconds(60)).until(() -> s.state() == RillStreams.State.RUNNING
                    && tasksOf(s) == 2);
            await().atMost(Duration.ofSeconds(120)).until(() -> produced.get() >= RECORDS / 2
                    && committedTotal(appId) > 0);
            LOG.info("Killing the victim instance after {} input records; survivor tasks {}", produced.get(),
                    s.threadTasks());
            victim.destroyForcibly().waitFor();
            long killedAt = System.currentTimeMillis();

            await().atMost(Duration.ofMillis(SESSION_TIMEOUT_MS * 5L)).until(() -> tasksOf(s) == 4);
            LOG.info("Survivor runs all 4 tasks {} ms after the kill (session timeout {} ms)",
                    System.currentTimeMillis() - killedAt, SESSION_TIMEOUT_MS);
            producer.join();

            BitSet seen = readOutput(out);
            BitSet expected = new BitSet();
            for (int i = 0; i < RECORDS; i += 10) {
                expected.set(i);
            }
            BitSet missing = (BitSet) expected.clone();
            missing.andNot(seen);
            assertThat(missing.cardinality()).as("filtered input records missing from the output").isZero();
            assertThat(seen.cardinality()).isEqualTo(RECORDS / 10);
        } finally {
            victim.destroyForcibly();
            if (survivor != null) {
                survivor.close(Duration.ofSeconds(30));
            }
        }
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

    private static Path victimLogFile() {
        return new File("target/failover-victim.log").toPath();
    }

    private static String victimLog() throws Exception {
        return Files.exists(victimLogFile()) ? Files.readString(victimLogFile()) : "";
    }

    private static Process startVictim(String appId, String in, String out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                FailoverApp.class.getName(), KAFKA.bootstrapServers(), appId, in, out));
        pb.redirectErrorStream(true);
        Files.deleteIfExists(victimLogFile());
        pb.redirectOutput(victimLogFile().toFile());
        return pb.start();
    }

    /** Produces the input at about 100 k records/s, so the kill lands in the middle of processing. */
    private static void produce(String topic, AtomicLong produced) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 997), Integer.toString(i)));
                if (i % 10_000 == 9_999) {
                    produced.set(i + 1);
                    long due = start + (i + 1) * 10_000L; // 10 us per record
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }
            producer.flush();
            produced.set(RECORDS);
        }
    }

    private static BitSet readOutput(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        BitSet seen = new BitSet(RECORDS);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(180)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    seen.set(Integer.parseInt(r.value()));
                }
                return seen.cardinality() >= RECORDS / 10;
            });
        }
        return seen;
    }
}
