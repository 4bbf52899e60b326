package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code exactly_once_v2} on a real broker: a count per key, every update written to the output topic. A failure in
 * the middle of a transaction, or an instance killed with SIGKILL in the middle of the stream, must leave no trace
 * for a {@code read_committed} reader: each key's outputs are exactly 1, 2, …, n, with no repeat and no gap (under
 * at-least-once the records processed since the last commit would be counted and written again).
 */
class ExactlyOnceIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

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
    void aFailureInTheMiddleOfATransactionLeavesNoTrace() throws Exception {
        String in = KAFKA.cluster().newTopic("eos-fail-in", 2);
        String out = KAFKA.cluster().newTopic("eos-fail-out", 2);
        int keys = 20;
        int perKey = 100;
        verifier().produce(in, keys, 0, perKey * 2 / 5);
        AtomicInteger seen = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Properties p = ExactlyOnceCountApp.props(KAFKA.bootstrapServers(), "eos-fail-" + System.nanoTime(),
                tempDir());
        // a long commit interval: the failure surely lands in a transaction that already holds output
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 2000);
        RillStreams streams = new RillStreams(ExactlyOnceCountApp.topology(in, out, v -> {
            if (seen.incrementAndGet() == keys * perKey * 3 / 5 && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return v;
        }), p);
        streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
        started.add(streams);
        streams.start();
        // the failure comes after some transactions were committed: the new thread restores their state
        await().atMost(Duration.ofSeconds(60))
                .until(() -> verifier().committedOutputs(out) >= keys * perKey * 2 / 5);
        verifier().produce(in, keys, perKey * 2 / 5, perKey);

        Map<String, List<Long>> outputs = verifier().readCommittedUntil(out, keys, perKey);

        assertThat(failed).as("the failure was injected").isTrue();
        assertThat(seen.get()).as("records after the last commit were processed twice").isGreaterThan(keys * perKey);
        ExactlyOnceVerifier.assertExactlyOneToN(outputs, keys, perKey);
        assertThat(ExactlyOnceVerifier.metric(streams.metrics(), "transactions-aborted-total", "dropped"))
                .isGreaterThanOrEqualTo(1);
        assertThat(ExactlyOnceVerifier.metric(streams.metrics(), "transactions-committed-total", null))
                .isGreaterThan(0);
    }

    @Test
    void anInstanceKilledMidStreamLeavesNoTrace() throws Exception {
        String in = KAFKA.cluster().newTopic("eos-kill-in", 2);
        String out = KAFKA.cluster().newTopic("eos-kill-out", 2);
        String appId = "eos-kill-" + System.nanoTime();
        int keys = 20;
        int perKey = 150;
        verifier().produce(in, keys, 0, perKey / 3);
        victim = startVictim(appId, in, out);
        // kill it once some transactions are committed, while it processes input arriving meanwhile
        Thread feeder = new Thread(() -> {
            for (int round = perKey / 3; round < perKey; round += 5) {
                verifier().produce(in, keys, round, Math.min(perKey, round + 5));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> verifier().committedOutputs(out) >= keys * perKey / 4);
        feeder.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> verifier().committedOutputs(out) >= keys * perKey / 2);
        victim.destroyForcibly().waitFor();

        RillStreams survivor = new RillStreams(ExactlyOnceCountApp.topology(in, out, v -> v),
                ExactlyOnceCountApp.props(KAFKA.bootstrapServers(), appId, tempDir()));
        started.add(survivor);
        survivor.start();
        feeder.join();

        ExactlyOnceVerifier.assertExactlyOneToN(verifier().readCommittedUntil(out, keys, perKey), keys, perKey);
    }

    private static ExactlyOnceVerifier verifier() {
        return new ExactlyOnceVerifier(KAFKA.bootstrapServers());
    }

    private static Process startVictim(String appId, String in, String out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = new File("target/eos-victim.log").toPath();
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ExactlyOnceCountApp.class.getName(), KAFKA.bootstrapServers(), appId, in, out, tempDir()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    private static String tempDir() throws Exception {
        return Files.createTempDirectory("rill-eos-").toString();
    }
}
