package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.readAll;
import static dev.rill.connect.testing.ConnectTesting.distributedWorkerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.ForkedWorker;
import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Exactly-once sources (KIP-618, {@code exactly.once.source.support=enabled}) on three brokers and three distributed
 * workers, each in its own JVM: two sequence sources (transaction boundary {@code poll}, and {@code interval}) run
 * while a worker is killed with SIGKILL twice (the leader, then another; its open transactions abandoned; a new worker
 * takes its place each time) and the first connector is reconfigured
 * 3 → 5 → 1 → 3 tasks (each new generation fenced before it starts). A {@code read_committed} reader then finds every
 * task's sequence numbers exactly once: no gap, no repeat. A {@code read_uncommitted} reader sees the records of the
 * aborted transactions too, which shows the kills hit open transactions.
 */
class DistributedExactlyOnceSourceIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(() -> EmbeddedKafkaCluster.builder()
            .brokers(3));
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<ForkedWorker> forked = new ArrayList<>();
    private int forks;

    @AfterEach
    void killForked() {
        forked.forEach(ForkedWorker::close);
    }

    private Map<String, String> workerProps() {
        Map<String, String> p = distributedWorkerProps(KAFKA.bootstrapServers(), "eos-" + suffix);
        p.put("offset.flush.interval.ms", "300");
        p.put("exactly.once.source.support", "enabled");
        p.put("config.storage.replication.factor", "3");
        p.put("offset.storage.replication.factor", "3");
        p.put("status.storage.replication.factor", "3");
        return p;
    }

    @Test
    void killsAndReconfigurationsLeaveEverySequenceNumberExactlyOnce() throws Exception {
        String pollTopic = "eos-poll-" + suffix;
        String intervalTopic = "eos-interval-" + suffix;
        KAFKA.cluster().createTopic(pollTopic, 3, 3, Map.of("min.insync.replicas", "2"));
        KAFKA.cluster().createTopic(intervalTopic, 2, 3, Map.of("min.insync.replicas", "2"));
        List<ForkedWorker> live = new ArrayList<>(List.of(startForked(), startForked(), startForked()));
        Rest c = new Rest(live.get(2).awaitRestUrl(TIMEOUT));
        await().atMost(TIMEOUT).until(() -> c.post("/connectors", Map.of("name", "per-poll", "config",
                config(pollTopic, 3, "poll"))).status() == 201);
        Rest b = new Rest(live.get(1).awaitRestUrl(TIMEOUT));
        await().atMost(TIMEOUT).until(() -> b.post("/connectors", Map.of("name", "per-interval", "config",
                withOwnOffsetsTopic(config(intervalTopic, 2, "interval")))).status() == 201);
        awaitRunning(b, "per-poll", 3);
        awaitRunning(b, "per-interval", 2);

        // SIGKILL the first worker (the leader), then the second; each time a new one takes its place
        List<Long> takeoverMs = new ArrayList<>();
        for (int kill = 0; kill < 2; kill++) {
            awaitMoreRecords(pollTopic);
            ForkedWorker victim = live.remove(0);
            long start = System.nanoTime();
            victim.kill();
            Rest survivor = new Rest(live.get(0).awaitRestUrl(TIMEOUT));
            List<String> survivors = live.stream().map(ForkedWorker::workerId).toList();
            await().atMost(TIMEOUT).until(() -> runningOn(survivor, "per-poll", 3, survivors)
                    && runningOn(survivor, "per-interval", 2, survivors));
            takeoverMs.add((System.nanoTime() - start) / 1_000_000);
            live.add(startForked());
        }
        Rest rest = new Rest(live.get(0).awaitRestUrl(TIMEOUT));
        for (int tasks : new int[] {5, 1, 3}) {
            awaitMoreRecords(pollTopic);
            assertThat(rest.put("/connectors/per-poll/config", config(pollTopic, tasks, "poll")).status())
                    .isEqualTo(200);
            awaitRunning(rest, "per-poll", tasks);
        }
        awaitMoreRecords(pollTopic);

        for (String name : List.of("per-poll", "per-interval")) {
            assertThat(rest.put("/connectors/" + name + "/pause", null).status()).isEqualTo(202);
        }
        await().atMost(TIMEOUT).until(() -> rest.taskStates("per-poll").stream().allMatch("PAUSED"::equals)
                && rest.taskStates("per-interval").stream().allMatch("PAUSED"::equals));

        Map<String, Integer> committed = new TreeMap<>();
        for (String topic : List.of(pollTopic, intervalTopic)) {
            List<String> values = values(readAll(KAFKA.bootstrapServers(), topic, "read_committed"));
            Map<String, List<Long>> seqs = bySource(values);
            seqs.forEach((source, list) -> {
                assertThat(list).as("sequence numbers of %s in %s, in order, each once", source, topic)
                        .isEqualTo(contiguous(list.size()));
            });
            committed.put(topic, values.size());
            if (topic.equals(intervalTopic)) {
                // its offsets were committed to its own offsets topic in its transactions, then copied to the
                // worker's: both hold each source's last committed sequence number
                Map<String, Long> last = new TreeMap<>();
                seqs.forEach((source, list) -> last.put(source, list.get(list.size() - 1)));
                assertThat(committedOffsets("eos-interval-offsets-" + suffix, "per-interval")).isEqualTo(last);
                assertThat(committedOffsets("eos-" + suffix + "-offsets", "per-interval")).isEqualTo(last);
            }
            int uncommitted = readAll(KAFKA.bootstrapServers(), topic, "read_uncommitted").size();
            System.out.printf("DistributedExactlyOnceSourceIT: %s: %d committed records from %d sources, each "
                    + "once; %d records of aborted transactions visible only to read_uncommitted%n", topic,
                    values.size(), seqs.size(), uncommitted - values.size());
        }
        assertThat(bySource(values(readAll(KAFKA.bootstrapServers(), pollTopic, "read_committed"))))
                .as("the 5-task generation ran tasks 3 and 4").containsKeys("t0", "t1", "t2", "t3", "t4");
        try (Admin admin = KAFKA.cluster().admin()) {
            List<TransactionListing> open = admin.listTransactions().all().get().stream()
                    .filter(t -> t.transactionalId().startsWith("eos-" + suffix))
                    .filter(t -> t.state() == TransactionState.ONGOING
                            || t.state() == TransactionState.PREPARE_COMMIT
                            || t.state() == TransactionState.PREPARE_ABORT)
                    .toList();
            assertThat(open).as("transactions left open by paused tasks").isEmpty();
        }
        System.out.printf("DistributedExactlyOnceSourceIT: 2 kills of a worker, tasks RUNNING on the others "
                + "after %s ms; per-poll reconfigured 3 -> 5 -> 1 -> 3 tasks; committed records %s%n",
                takeoverMs, committed);
    }

    @Test
    @SuppressWarnings("unchecked")
    void validationRefusesWhatCannotRunExactlyOnce() {
        Map<String, String> disabled = workerProps();
        disabled.put("group.id", "eos-off-" + suffix);
        disabled.put("config.storage.topic", "eos-off-configs-" + suffix);
        disabled.put("offset.storage.topic", "eos-off-offsets-" + suffix);
        disabled.put("status.storage.topic", "eos-off-status-" + suffix);
        disabled.put("exactly.once.source.support", "disabled");
        try (ConnectWorker on = ConnectWorker.builder().workerProperties(workerProps()).distributed().start();
             ConnectWorker off = ConnectWorker.builder().workerProperties(disabled).distributed().start()) {
            Map<String, Object> boundary = config("any", 1, "connector");
            boundary.put("name", "b");
            Rest.Response r = new Rest(on.restUrl()).put("/connector-plugins/SequenceSource/config/validate",
                    boundary);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.map().get("error_count")).isEqualTo(1);
            assertThat(errorsOf(r, "transaction.boundary")).singleElement().asString()
                    .contains("can define transaction boundaries").contains("use transaction.boundary=poll");

            Map<String, Object> required = config("any", 1, "poll");
            required.put("name", "r");
            Rest.Response offAnswer = new Rest(off.restUrl()).put(
                    "/connector-plugins/SequenceSource/config/validate", required);
            assertThat(errorsOf(offAnswer, "exactly.once.support")).singleElement().asString()
                    .contains("exactly.once.source.support=enabled");
            assertThat(new Rest(off.restUrl()).post("/connectors", Map.of("name", "r", "config", required)).status())
                    .as("created with a configuration that does not validate").isEqualTo(400);
            assertThat(errorsOf(new Rest(on.restUrl()).put("/connector-plugins/SequenceSource/config/validate",
                    required), "exactly.once.support")).as("the connector supports it").isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> errorsOf(Rest.Response validation, String key) {
        for (Map<String, Object> c : (List<Map<String, Object>>) validation.map().get("configs")) {
            Map<String, Object> value = (Map<String, Object>) c.get("value");
            if (key.equals(value.get("name"))) {
                return (List<Object>) value.get("errors");
            }
        }
        throw new AssertionError("no " + key + " in " + validation.map());
    }

    private static Map<String, Object> config(String topic, int tasks, String boundary) {
        Map<String, Object> c = new HashMap<>();
        c.put("connector.class", "SequenceSource");
        c.put("topic", topic);
        c.put("tasks.max", Integer.toString(tasks));
        c.put("batch.size", "5");
        c.put("interval.ms", "20");
        c.put("transaction.boundary", boundary);
        c.put("transaction.boundary.interval.ms", "250");
        c.put("exactly.once.support", "required");
        return c;
    }

    private Map<String, Object> withOwnOffsetsTopic(Map<String, Object> config) {
        config.put("offsets.storage.topic", "eos-interval-offsets-" + suffix);
        return config;
    }

    /** Source ("t<n>") → last committed "seq" offset of a connector in an offsets topic. */
    private static Map<String, Long> committedOffsets(String offsetsTopic, String connector) {
        Map<String, Long> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(KAFKA.bootstrapServers(), offsetsTopic, "read_committed")) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (key.startsWith("[\"" + connector + "\",") && r.value() != null) {
                out.put(key.replaceAll(".*\"task\":\"([^\"]+)\".*", "$1"),
                        Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)
                                .replaceAll(".*\"seq\":(\\d+).*", "$1")));
            }
        }
        return out;
    }

    private void awaitMoreRecords(String topic) {
        int before = readAll(KAFKA.bootstrapServers(), topic, "read_committed").size();
        await().atMost(TIMEOUT).until(() -> readAll(KAFKA.bootstrapServers(), topic, "read_committed").size()
                > before + 200);
    }

    private static void awaitRunning(Rest rest, String name, int tasks) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> states = rest.taskStates(name);
            return states.size() == tasks && states.stream().allMatch("RUNNING"::equals);
        });
    }

    /** Whether every task of the connector is RUNNING on one of the given workers. */
    @SuppressWarnings("unchecked")
    private static boolean runningOn(Rest rest, String name, int tasks, List<String> ids) {
        Rest.Response r = rest.get("/connectors/" + name + "/status");
        if (r.status() != 200) {
            return false;
        }
        List<Map<String, Object>> list = (List<Map<String, Object>>) r.map().get("tasks");
        return list.size() == tasks && list.stream().allMatch(t -> "RUNNING".equals(t.get("state"))
                && ids.contains(String.valueOf(t.get("worker_id"))));
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(new String(r.value(), StandardCharsets.UTF_8)));
        return out;
    }

    /** Per source ("t<n>"), its sequence numbers in the order read (one topic partition holds one source's). */
    private static Map<String, List<Long>> bySource(List<String> values) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (String v : values) {
            int dash = v.indexOf('-');
            out.computeIfAbsent(v.substring(0, dash), k -> new ArrayList<>()).add(Long.parseLong(v.substring(dash + 1)));
        }
        return out;
    }

    private static List<Long> contiguous(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private ForkedWorker startForked() throws IOException {
        ForkedWorker worker = ForkedWorker.start(workerProps(), dir, "forked-" + forks++);
        forked.add(worker);
        worker.awaitRestUrl(TIMEOUT);
        return worker;
    }
}
