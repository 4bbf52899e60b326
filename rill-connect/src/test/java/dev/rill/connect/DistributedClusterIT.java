package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.distributedWorkerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.ForkedWorker;
import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Three distributed workers on one broker, one of them in its own JVM: a connector created through any worker runs
 * each of its tasks exactly once across the cluster, every worker reports the same statuses, and when the forked
 * worker is killed (SIGKILL) its tasks run on the other two within 10 s and no record is lost (file source → topic
 * → sink); a worker that joins then takes over its share of the tasks.
 */
class DistributedClusterIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, String> workerProps() {
        Map<String, String> p = distributedWorkerProps(KAFKA.bootstrapServers(), "cluster-" + suffix);
        p.put("offset.flush.interval.ms", "500");
        return p;
    }

    @Test
    void tasksRunOnceAcrossTheClusterAndMoveWhenAWorkerIsKilled() throws Exception {
        Path records = dir.resolve("records");
        Path input = dir.resolve("input.txt");
        Files.writeString(input, lines(0, 1000));
        String topic = KAFKA.cluster().newTopic("cluster-in", 3);

        ForkedWorker forked = ForkedWorker.start(workerProps(), dir, "forked-worker");
        try (ConnectWorker a = ConnectWorker.builder().workerProperties(workerProps()).distributed().start();
             ConnectWorker b = ConnectWorker.builder().workerProperties(workerProps()).distributed().start()) {
            Rest restA = new Rest(a.restUrl());
            Rest restB = new Rest(b.restUrl());
            String urlC = forked.awaitRestUrl(Duration.ofSeconds(60));
            Rest restC = new Rest(urlC);
            List<Rest> all = List.of(restA, restB, restC);

            Map<String, Object> source = Map.of("connector.class", "FileStreamSource", "file", input.toString(),
                    "topic", topic, "tasks.max", "1");
            Map<String, Object> sink = Map.of("connector.class", "RecordingSink", "topics", topic, "tasks.max", "3",
                    "record.dir", records.toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> restB.post("/connectors",
                    Map.of("name", "src", "config", source)).status() == 201);
            await().atMost(Duration.ofSeconds(30)).until(() -> restC.post("/connectors",
                    Map.of("name", "sink", "config", sink)).status() == 201);

            // every task RUNNING, and every worker reports the same placement
            await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().allMatch(r ->
                    r.taskStates("sink").equals(List.of("RUNNING", "RUNNING", "RUNNING"))
                            && r.taskStates("src").equals(List.of("RUNNING")))
                    && all.stream().map(r -> placement(r)).distinct().count() == 1);
            Map<String, String> before = placement(restA);
            assertThat(new HashSet<>(before.values())).as("tasks on every worker: %s", before).hasSize(3);
            // each task runs exactly once: one running instance per task number
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runningInstances(records))
                    .isEqualTo(Map.of("0", 1, "1", 1, "2", 1)));
            await().atMost(Duration.ofSeconds(30)).until(() -> received(records).containsAll(expected(0, 1000)));

            java.net.URI uriC = java.net.URI.create(urlC);
            String killedId = uriC.getHost() + ":" + uriC.getPort();
            long killedAt = System.nanoTime();
            forked.kill();
            Files.writeString(input, lines(1000, 2000), StandardOpenOption.APPEND);

            List<Rest> live = List.of(restA, restB);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                    live.stream().allMatch(r -> {
                        Map<String, String> p = placement(r);
                        return p.size() == 4 && !p.containsValue(killedId) && allRunning(r);
                    }));
            long movedMs = (System.nanoTime() - killedAt) / 1_000_000;
            await().atMost(Duration.ofSeconds(30)).until(() -> received(records).containsAll(expected(0, 2000)));
            long flowingMs = (System.nanoTime() - killedAt) / 1_000_000;
            Set<String> missing = new HashSet<>(expected(0, 2000));
            missing.removeAll(received(records));
            assertThat(missing).isEmpty();
            assertThat(placement(restA)).isEqualTo(placement(restB));
            System.out.printf("DistributedClusterIT: tasks running elsewhere %d ms after the kill, all 2000 records "
                    + "delivered after %d ms, 0 missing%n", movedMs, flowingMs);

            // a worker that joins takes over its share of the running tasks, and still no task runs twice
            try (ConnectWorker d = ConnectWorker.builder().workerProperties(workerProps()).distributed().start()) {
                java.net.URI uriD = java.net.URI.create(d.restUrl());
                String joinedId = uriD.getHost() + ":" + uriD.getPort();
                await().atMost(Duration.ofSeconds(30)).until(() -> placement(restA).containsValue(joinedId)
                        && allRunning(restA) && placement(restA).equals(placement(new Rest(d.restUrl()))));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runningInstances(records))
                        .isEqualTo(Map.of("0", 1, "1", 1, "2", 1)));
            }
        } finally {
            forked.close();
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

    private static String lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "r-" + i + "\n").collect(Collectors.joining());
    }

    private static Set<String> expected(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "r-" + i).collect(Collectors.toSet());
    }

    /** Every value any sink task instance received, in any JVM. */
    private static Set<String> received(Path records) throws IOException {
        Set<String> out = new HashSet<>();
        if (!Files.exists(records)) {
            return out;
        }
        try (Stream<Path> files = Files.list(records)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".values")).toList()) {
                out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Task number → how many instances of it run now in live JVMs (their markers exist). */
    private static Map<String, Integer> runningInstances(Path records) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(records)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".running"))
                    .map(n -> n.split("-"))
                    .filter(parts -> ProcessHandle.of(Long.parseLong(parts[2])).map(ProcessHandle::isAlive)
                            .orElse(false))
                    .forEach(parts -> out.merge(parts[1], 1, Integer::sum));
        }
        return out;
    }

    /** "connector/task" → worker_id, for both connectors, as one worker reports it. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> placement(Rest rest) {
        Map<String, String> out = new TreeMap<>();
        for (String c : List.of("src", "sink")) {
            Rest.Response r = rest.get("/connectors/" + c + "/status");
            if (r.status() != 200) {
                continue;
            }
            for (Map<String, Object> t : (List<Map<String, Object>>) r.map().get("tasks")) {
                out.put(c + "/" + t.get("id"), String.valueOf(t.get("worker_id")));
            }
        }
        return out;
    }

    private static boolean allRunning(Rest rest) {
        return rest.taskStates("src").equals(List.of("RUNNING"))
                && rest.taskStates("sink").equals(List.of("RUNNING", "RUNNING", "RUNNING"));
    }
}
