package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.distributedWorkerProps;
import static dev.rill.connect.testing.ConnectTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.ForkedWorker;
import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * The cluster acceptance test: an embedded 3-broker cluster and three distributed workers, each in its own JVM. A
 * sequence source (3 tasks) feeds a sink (3 tasks) through a replicated topic; the connectors are created through
 * different workers. Each of the 6 tasks runs exactly once across the cluster and every worker reports the same
 * placement. A worker killed with SIGKILL has all its tasks RUNNING on the other two within 10 s. Then every worker
 * in turn is stopped cleanly and replaced by a new one, 3 rounds. Afterwards the source's sequence numbers in the
 * topic have no gap and the sink received every one of them (at-least-once: repeats are counted, not failed).
 */
class DistributedClusterIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(() -> EmbeddedKafkaCluster.builder()
            .brokers(3));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> CONNECTORS = List.of("seq", "sink");

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private int forkedCount;

    private Map<String, String> workerProps() {
        Map<String, String> p = distributedWorkerProps(KAFKA.bootstrapServers(), "cluster-" + suffix);
        p.put("offset.flush.interval.ms", "500");
        p.put("config.storage.replication.factor", "3");
        p.put("offset.storage.replication.factor", "3");
        p.put("status.storage.replication.factor", "3");
        return p;
    }

    private ForkedWorker fork() throws IOException {
        return ForkedWorker.start(workerProps(), dir, "worker-" + forkedCount++);
    }

    @Test
    void sixTasksOnThreeForkedWorkersRunOnceMoveWithinTenSecondsOfAKillAndSurviveRollingRestarts() throws Exception {
        String topic = "cluster-pipe-" + suffix;
        KAFKA.cluster().createTopic(topic, 3, 3, Map.of("min.insync.replicas", "2"));
        Path records = dir.resolve("records");
        List<ForkedWorker> workers = new ArrayList<>(List.of(fork(), fork(), fork()));
        try {
            List<Rest> rests = rests(workers);
            await().atMost(TIMEOUT).until(() -> rests.get(1).post("/connectors", Map.of("name", "seq", "config",
                    Map.of("connector.class", "SequenceSource", "topic", topic, "tasks.max", "3",
                            "interval.ms", "50", "record.dir", records.toString()))).status() == 201);
            await().atMost(TIMEOUT).until(() -> rests.get(2).post("/connectors", Map.of("name", "sink", "config",
                    Map.of("connector.class", "RecordingSink", "topics", topic, "tasks.max", "3",
                            "record.dir", records.toString()))).status() == 201);

            // both connectors and all 6 tasks RUNNING, the same placement reported by every worker, spread over all
            // three (8 instances: 2 or 3 on each)
            awaitSettled(workers);
            Map<String, String> before = placement(rests.get(0));
            assertThat(before).hasSize(8);
            assertThat(before.values().stream().collect(Collectors.groupingBy(w -> w, Collectors.counting())))
                    .as("connectors and tasks per worker: %s", before).hasSize(3)
                    .allSatisfy((w, n) -> assertThat(n).isBetween(2L, 3L));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runningInstances(records))
                    .isEqualTo(oneInstanceOfEachTask()));
            await().atMost(TIMEOUT).until(() -> received(records).size() > 300);

            // SIGKILL the first worker (the group's leader, so the connectors move too)
            ForkedWorker killed = workers.remove(0);
            String killedId = killed.workerId();
            List<String> killedTasks = before.entrySet().stream().filter(e -> e.getValue().equals(killedId))
                    .map(Map.Entry::getKey).toList();
            int receivedAtKill = received(records).size();
            long killedAt = System.nanoTime();
            killed.kill();
            List<Rest> live = rests(workers);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                    live.stream().allMatch(r -> {
                        Map<String, String> p = placement(r);
                        return p.size() == 8 && !p.containsValue(killedId) && allRunning(r);
                    }));
            long movedMs = (System.nanoTime() - killedAt) / 1_000_000;
            await().atMost(TIMEOUT).until(() -> received(records).size() > receivedAtKill + 300);
            long flowingMs = (System.nanoTime() - killedAt) / 1_000_000;
            awaitSettled(workers);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runningInstances(records))
                    .isEqualTo(oneInstanceOfEachTask()));
            System.out.printf("DistributedClusterIT: SIGKILL of %s (running %s): both connectors and all 6 tasks "
                    + "RUNNING on the other two "
                    + "workers %d ms after the kill, the sink received 300 more records %d ms after it%n", killedId,
                    killedTasks, movedMs, flowingMs);

            // a new third worker, then each worker in turn stopped cleanly and replaced: 3 rounds
            workers.add(fork());
            awaitSettled(workers);
            List<Long> bounceMs = new ArrayList<>();
            List<String> phases = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < workers.size(); i++) {
                    int receivedBefore = received(records).size();
                    long start = System.nanoTime();
                    workers.get(i).stop();
                    long stopped = System.nanoTime();
                    workers.set(i, fork());
                    workers.get(i).awaitRestUrl(TIMEOUT);
                    long joined = System.nanoTime();
                    awaitSettled(workers);
                    bounceMs.add((System.nanoTime() - start) / 1_000_000);
                    phases.add(String.format("%d/%d/%d", (stopped - start) / 1_000_000, (joined - stopped) / 1_000_000,
                            (System.nanoTime() - joined) / 1_000_000));
                    await().atMost(TIMEOUT).until(() -> received(records).size() > receivedBefore + 100);
                }
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runningInstances(records))
                    .isEqualTo(oneInstanceOfEachTask()));

            Rest rest = rests(workers).get(0);
            assertThat(rest.put("/connectors/seq/pause", null).status()).isEqualTo(202);
            await().atMost(TIMEOUT).until(() -> rests(workers).stream().allMatch(r ->
                    r.taskStates("seq").equals(List.of("PAUSED", "PAUSED", "PAUSED"))));
            List<String> inTopic = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readAll(KAFKA.bootstrapServers(), topic)) {
                inTopic.add(new String(r.value(), StandardCharsets.UTF_8));
            }
            Set<String> distinct = new TreeSet<>(inTopic);
            assertThat(gaps(distinct)).as("sequence numbers the source skipped").isEmpty();
            assertThat(distinct.stream().map(v -> v.substring(0, v.indexOf('-'))).distinct())
                    .containsExactlyInAnyOrder("t0", "t1", "t2");
            await().atMost(TIMEOUT).until(() -> received(records).containsAll(distinct));
            System.out.printf("DistributedClusterIT: 9 clean restarts, each back to both connectors and all 6 tasks "
                    + "RUNNING in %s ms (stop, start of the new JVM and its join included; stop/join/settle ms: %s); "
                    + "%d records in the topic, %d distinct, %d repeated; the sink received all %d, 0 missing (%d "
                    + "sink deliveries in all)%n", bounceMs, phases,
                    inTopic.size(), distinct.size(), inTopic.size() - distinct.size(), distinct.size(),
                    deliveries(records));
        } finally {
            workers.forEach(ForkedWorker::close);
        }
    }

    @Test
    void startRefusesAWorkerConfigWithoutGroupAndTopicsListingEveryProblem() {
        Map<String, String> props = workerProps();
        props.remove("group.id");
        props.remove("config.storage.topic");
        props.remove("offset.storage.topic");
        props.remove("status.storage.topic");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                ConnectWorker.builder().workerProperties(props).distributed().start()))
                .hasMessageContaining("group.id: a distributed worker needs it")
                .hasMessageContaining("config.storage.topic: a distributed worker needs it")
                .hasMessageContaining("offset.storage.topic: a distributed worker needs it")
                .hasMessageContaining("status.storage.topic: a distributed worker needs it");
    }

    @Test
    void startRefusesASecondClusterOnTheConfigTopicOfARunningOne() {
        Map<String, String> other = workerProps();
        other.put("group.id", "other-" + suffix);
        try (ConnectWorker first = ConnectWorker.builder().workerProperties(workerProps()).distributed().start()) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                    ConnectWorker.builder().workerProperties(other).distributed().start());
            assertThat(refused).hasMessageContaining("The config topic cluster-" + suffix + "-configs is in use by the "
                    + "running worker group 'cluster-" + suffix + "'")
                    .hasMessageContaining("set group.id=cluster-" + suffix)
                    .hasMessageContaining("give it its own config.storage.topic");
            System.out.println("DistributedClusterIT: second cluster refused: " + refused.getMessage());
            // the running cluster is untouched
            assertThat(new Rest(first.restUrl()).get("/connectors").status()).isEqualTo(200);
        }
    }

    @Test
    void startRefusesAConfigTopicWithSeveralPartitions() {
        Map<String, String> props = workerProps();
        String configTopic = "multi-configs-" + suffix;
        KAFKA.cluster().createTopic(configTopic, 3, 1, Map.of("cleanup.policy", "compact"));
        props.put("config.storage.topic", configTopic);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                ConnectWorker.builder().workerProperties(props).distributed().start()))
                .hasMessageContaining(configTopic + " has 3 partitions")
                .hasMessageContaining("exactly 1");
    }

    private static List<Rest> rests(List<ForkedWorker> workers) {
        return workers.stream().map(w -> new Rest(w.awaitRestUrl(TIMEOUT))).toList();
    }

    /** Every task RUNNING on a live worker, and every worker reports the same placement. */
    private static void awaitSettled(List<ForkedWorker> workers) {
        Set<String> live = workers.stream().map(ForkedWorker::workerId).collect(Collectors.toSet());
        List<Rest> rests = rests(workers);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> rests.stream().allMatch(r ->
                allRunning(r) && live.containsAll(placement(r).values()))
                && rests.stream().map(DistributedClusterIT::placement).distinct().count() == 1);
    }

    private static boolean allRunning(Rest rest) {
        List<String> three = List.of("RUNNING", "RUNNING", "RUNNING");
        return CONNECTORS.stream().allMatch(c -> "RUNNING".equals(rest.connectorState(c))
                && rest.taskStates(c).equals(three));
    }

    private static Map<String, Integer> oneInstanceOfEachTask() {
        Map<String, Integer> out = new TreeMap<>();
        for (String c : CONNECTORS) {
            for (int t = 0; t < 3; t++) {
                out.put(c + "/" + t, 1);
            }
        }
        return out;
    }

    /** Per source task, the numbers between 0 and its highest that are not in {@code values}. */
    private static Map<String, List<Long>> gaps(Set<String> values) {
        Map<String, TreeSet<Long>> seqs = new TreeMap<>();
        for (String v : values) {
            int dash = v.indexOf('-');
            seqs.computeIfAbsent(v.substring(0, dash), k -> new TreeSet<>()).add(Long.parseLong(v.substring(dash + 1)));
        }
        Map<String, List<Long>> out = new TreeMap<>();
        seqs.forEach((task, s) -> {
            for (long n = 0; n <= s.last(); n++) {
                if (!s.contains(n)) {
                    out.computeIfAbsent(task, k -> new ArrayList<>()).add(n);
                }
            }
        });
        return out;
    }

    /** Every value any sink task instance received, in any JVM. */
    private static Set<String> received(Path records) throws IOException {
        Set<String> out = new HashSet<>();
        for (Path f : valueFiles(records)) {
            out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static long deliveries(Path records) throws IOException {
        long n = 0;
        for (Path f : valueFiles(records)) {
            n += Files.readAllLines(f, StandardCharsets.UTF_8).size();
        }
        return n;
    }

    private static List<Path> valueFiles(Path records) throws IOException {
        if (!Files.exists(records)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(records)) {
            return files.filter(f -> f.toString().endsWith(".values")).toList();
        }
    }

    /** "connector/task" → how many instances of it run now in live JVMs (their markers exist). */
    private static Map<String, Integer> runningInstances(Path records) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(records)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".running"))
                    .map(n -> n.split("-"))
                    .filter(parts -> ProcessHandle.of(Long.parseLong(parts[2])).map(ProcessHandle::isAlive)
                            .orElse(false))
                    .forEach(parts -> out.merge(parts[0] + "/" + parts[1], 1, Integer::sum));
        }
        return out;
    }

    /** "connector/task" and "connector/connector" → worker_id, for both connectors, as one worker reports it. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> placement(Rest rest) {
        Map<String, String> out = new TreeMap<>();
        for (String c : CONNECTORS) {
            Rest.Response r = rest.get("/connectors/" + c + "/status");
            if (r.status() != 200) {
                continue;
            }
            out.put(c + "/connector", String.valueOf(((Map<String, Object>) r.map().get("connector"))
                    .get("worker_id")));
            for (Map<String, Object> t : (List<Map<String, Object>>) r.map().get("tasks")) {
                out.put(c + "/" + t.get("id"), String.valueOf(t.get("worker_id")));
            }
        }
        return out;
    }
}
