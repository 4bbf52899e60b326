package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A zombie under exactly-once: the instance in a child JVM is frozen with SIGSTOP in the middle of a transaction,
 * for longer than session.timeout.ms (6 s) and transaction.timeout.ms (10 s); the other instance takes its tasks,
 * the broker aborts the zombie's transaction. Resumed with SIGCONT, the zombie goes on where it stopped, is fenced,
 * and rejoins with its stale local stores (restoring what the other instance wrote meanwhile). Nothing it wrote late
 * becomes visible: a {@code read_committed} reader sees each key's counts exactly 1, 2, …, n.
 */
class ExactlyOnceZombieIT {
    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceZombieIT.class);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(() -> EmbeddedKafkaCluster.builder()
            .brokerProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"));

    private Process zombie;
    private RillStreams survivor;

    @AfterEach
    void tearDown() throws Exception {
        if (zombie != null) {
            signal("CONT");
            zombie.destroyForcibly();
        }
        if (survivor != null) {
            survivor.close(Duration.ofSeconds(30));
        }
    }

    @Test
    void aFrozenInstanceIsFencedAndItsLateWritesNeverBecomeVisible() throws Exception {
        String in = KAFKA.cluster().newTopic("zombie-in", 2);
        String out = KAFKA.cluster().newTopic("zombie-out", 2);
        String appId = "zombie-" + System.nanoTime();
        int keys = 2_000;
        int perKey = 60;
        ExactlyOnceVerifier v = new ExactlyOnceVerifier(KAFKA.bootstrapServers());
        v.produce(in, keys, 0, 5);
        Path log = new File("target/eos-zombie.log").toPath();
        zombie = startZombie(appId, in, out, log);
        await().atMost(Duration.ofSeconds(60)).until(() -> v.committedOutputs(out) >= keys * 2L);
        Set<String> zombieTransactions = transactionalIds(appId);
        assertThat(zombieTransactions).as("the zombie's transactional id").hasSize(1);
        String zombieTxn = zombieTransactions.iterator().next();

        // input keeps arriving: the zombie is frozen in the middle of a transaction that already holds output
        Thread feeder = new Thread(() -> {
            for (int round = 5; round < perKey; round++) {
                v.produce(in, keys, round, round + 1);
            }
        });
        feeder.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> endOffset(in) > keys * 8L);
        freezeInTheMiddleOfATransaction(zombieTxn);
        long frozen = System.nanoTime();
        LOG.info("Froze the zombie with its transaction {} ongoing", zombieTxn);

        survivor = new RillStreams(ExactlyOnceCountApp.topology(in, out, x -> x),
                ExactlyOnceCountApp.props(KAFKA.bootstrapServers(), appId,
                        Files.createTempDirectory("rill-zombie-survivor-").toString()));
        survivor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> survivor.state() == RillStreams.State.RUNNING
                && survivor.threadTasks().values().stream().mapToInt(List::size).sum() == 2);
        LOG.info("The survivor runs both tasks {} ms after the freeze", (System.nanoTime() - frozen) / 1_000_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(zombieTxn) != TransactionState.ONGOING
                && state(zombieTxn) != TransactionState.PREPARE_ABORT);
        LOG.info("The broker aborted the zombie's transaction {} ms after the freeze ({})",
                (System.nanoTime() - frozen) / 1_000_000, state(zombieTxn));
        assertThat(state(zombieTxn)).as("the frozen zombie's transaction was aborted by the broker")
                .isEqualTo(TransactionState.COMPLETE_ABORT);
        signal("CONT");
        // the resumed zombie learns that it left the group, or that its producer was fenced
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String text = Files.readString(log);
            return text.contains("lost its partitions") || text.contains("replacing the thread");
        });
        feeder.join();

        ExactlyOnceVerifier.assertExactlyOneToN(v.readCommittedUntil(out, keys, perKey), keys, perKey);
        LOG.info("Zombie log after SIGCONT: {}", Files.readAllLines(log).stream()
                .filter(l -> l.contains("replacing the thread") || l.contains("lost its partitions") || l.contains("fenced") || l.contains("resumes from"))
                .map(l -> l.length() > 300 ? l.substring(0, 300) : l).collect(Collectors.joining(" | ")));
    }

    /**
     * Sends SIGSTOP while the zombie's transaction is ongoing; when it turns out to have been committing (its
     * request already on the way) or between transactions, sends SIGCONT and tries again.
     */
    private void freezeInTheMiddleOfATransaction(String transactionalId) throws Exception {
        for (int attempt = 1; attempt <= 20; attempt++) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> state(transactionalId) == TransactionState.ONGOING);
            signal("STOP");
            try {
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                        .until(() -> state(transactionalId) == TransactionState.ONGOING);
                return;
            } catch (ConditionTimeoutException e) {
                signal("CONT");
            }
        }
        throw new AssertionError("could not freeze the zombie in the middle of a transaction in 20 attempts");
    }

    private void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(zombie.pid())).inheritIO().start().waitFor();
    }

    private static Set<String> transactionalIds(String appId) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            return admin.listTransactions().all().get().stream().map(TransactionListing::transactionalId)
                    .filter(id -> id.startsWith(appId)).collect(Collectors.toSet());
        }
    }

    private static TransactionState state(String transactionalId) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            return admin.describeTransactions(List.of(transactionalId)).description(transactionalId).get().state();
        }
    }

    private static long endOffset(String topic) throws Exception {
        try (Admin admin = KAFKA.cluster().admin()) {
            Map<TopicPartition, OffsetSpec> request = Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(),
                    new TopicPartition(topic, 1), OffsetSpec.latest());
            return admin.listOffsets(request).all().get().values().stream().mapToLong(r -> r.offset()).sum();
        }
    }

    private static Process startZombie(String appId, String in, String out, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ExactlyOnceCountApp.class.getName(), KAFKA.bootstrapServers(), appId, in, out,
                Files.createTempDirectory("rill-zombie-").toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }
}
