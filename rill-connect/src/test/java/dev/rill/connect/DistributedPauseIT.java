package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.readAll;
import static dev.rill.connect.testing.ConnectTesting.distributedWorkerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Pause on a three-worker cluster: a source connector whose three tasks run on three different workers writes
 * nothing while it is paused — the topic's record count per task is the same at both ends of a measured window that
 * starts once every worker reports the connector and all its tasks PAUSED — and every task writes again after
 * resume.
 */
class DistributedPauseIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WINDOW = Duration.ofSeconds(3);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, String> workerProps() {
        Map<String, String> p = distributedWorkerProps(KAFKA.bootstrapServers(), "pause-" + suffix);
        p.put("offset.flush.interval.ms", "500");
        return p;
    }

    @Test
    void aPausedSourceWritesNothingOnAnyWorkerUntilResumed() {
        String topic = KAFKA.cluster().newTopic("pause-out", 3);
        try (ConnectWorker a = ConnectWorker.builder().workerProperties(workerProps()).distributed().start();
             ConnectWorker b = ConnectWorker.builder().workerProperties(workerProps()).distributed().start();
             ConnectWorker c = ConnectWorker.builder().workerProperties(workerProps()).distributed().start()) {
            List<Rest> all = List.of(new Rest(a.restUrl()), new Rest(b.restUrl()), new Rest(c.restUrl()));
            await().atMost(TIMEOUT).until(() -> all.get(1).post("/connectors", Map.of("name", "seq", "config",
                    Map.of("connector.class", "SequenceSource", "topic", topic, "tasks.max", "3"))).status() == 201);
            await().atMost(TIMEOUT).until(() -> all.stream().allMatch(r -> r.taskStates("seq")
                    .equals(List.of("RUNNING", "RUNNING", "RUNNING"))) && workersOf(all.get(0)).size() == 3);
            await().atMost(TIMEOUT).until(() -> perTask(topic).size() == 3
                    && perTask(topic).values().stream().allMatch(n -> n >= 50));

            assertThat(all.get(2).put("/connectors/seq/pause", null).status()).isEqualTo(202);
            await().atMost(TIMEOUT).until(() -> all.stream().allMatch(r -> "PAUSED".equals(connectorState(r))
                    && r.taskStates("seq").equals(List.of("PAUSED", "PAUSED", "PAUSED"))));
            Map<String, Integer> atStart = perTask(topic);
            long start = System.nanoTime();
            // the count must hold for the whole window; awaitility fails at the first change
            await().during(WINDOW).atMost(WINDOW.plusSeconds(5)).pollInterval(Duration.ofMillis(300)).until(() -> perTask(topic).equals(atStart));
            Map<String, Integer> atEnd = perTask(topic);
            long windowMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(atEnd).isEqualTo(atStart);
            assertThat(all).allMatch(r -> r.taskStates("seq").equals(List.of("PAUSED", "PAUSED", "PAUSED")));

            assertThat(all.get(0).put("/connectors/seq/resume", null).status()).isEqualTo(202);
            await().atMost(TIMEOUT).until(() -> all.stream().allMatch(r -> r.taskStates("seq")
                    .equals(List.of("RUNNING", "RUNNING", "RUNNING"))));
            await().atMost(TIMEOUT).until(() -> {
                Map<String, Integer> now = perTask(topic);
                return atEnd.keySet().stream().allMatch(t -> now.get(t) > atEnd.get(t));
            });
            System.out.printf("DistributedPauseIT: tasks on %s; %s records per task when PAUSED, 0 written in the "
                    + "%d ms window, %s after resume%n", workersOf(all.get(0)), atStart, windowMs, perTask(topic));
        }
    }

    /** Record count per task ({@code t0}, {@code t1}, …) in the topic now. */
    private static Map<String, Integer> perTask(String topic) {
        Map<String, Integer> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(KAFKA.bootstrapServers(), topic)) {
            out.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        return out;
    }

    private static String connectorState(Rest rest) {
        Rest.Response r = rest.get("/connectors/seq/status");
        return r.status() == 200 ? String.valueOf(((Map<?, ?>) r.map().get("connector")).get("state")) : null;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<String> workersOf(Rest rest) {
        java.util.Set<String> out = new HashSet<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) rest.get("/connectors/seq/status").map()
                .get("tasks")) {
            out.add(String.valueOf(t.get("worker_id")));
        }
        return out;
    }
}
