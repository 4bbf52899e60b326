package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.readAll;
import static dev.rill.connect.testing.ConnectTesting.distributedWorkerProps;
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
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Rolling bounce: a source → topic → sink pipeline on three workers while each worker in turn is stopped and a new
 * one started in its place, three rounds (nine restarts, the leader among them every round). Afterwards no sequence
 * number is missing: the source's numbers in the topic have no gap per task, and the sink received every one of them
 * (at-least-once: repeats are counted, not failed).
 */
class DistributedRollingBounceIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, String> workerProps() {
        Map<String, String> p = distributedWorkerProps(KAFKA.bootstrapServers(), "bounce-" + suffix);
        p.put("offset.flush.interval.ms", "500");
        return p;
    }

    private ConnectWorker startWorker() {
        return ConnectWorker.builder().workerProperties(workerProps()).distributed().start();
    }

    @Test
    void noRecordIsMissingAfterThreeRoundsOfRollingRestarts() throws Exception {
        String topic = KAFKA.cluster().newTopic("bounce-pipe", 3);
        Path records = dir.resolve("records");
        List<ConnectWorker> workers = new ArrayList<>(List.of(startWorker(), startWorker(), startWorker()));
        try {
            Rest first = new Rest(workers.get(0).restUrl());
            await().atMost(TIMEOUT).until(() -> first.post("/connectors", Map.of("name", "seq", "config",
                    Map.of("connector.class", "SequenceSource", "topic", topic, "tasks.max", "2",
                            "interval.ms", "50"))).status() == 201);
            await().atMost(TIMEOUT).until(() -> first.post("/connectors", Map.of("name", "sink", "config",
                    Map.of("connector.class", "RecordingSink", "topics", topic, "tasks.max", "3",
                            "record.dir", records.toString()))).status() == 201);
            awaitAllRunning(workers);

            List<Long> bounceMs = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < workers.size(); i++) {
                    int before = received(records).size();
                    long start = System.nanoTime();
                    workers.get(i).close();
                    workers.set(i, startWorker());
                    awaitAllRunning(workers);
                    bounceMs.add((System.nanoTime() - start) / 1_000_000);
                    // the pipeline flows again before the next worker goes
                    await().atMost(TIMEOUT).until(() -> received(records).size() > before + 100);
                }
            }

            Rest rest = new Rest(workers.get(0).restUrl());
            assertThat(rest.put("/connectors/seq/pause", null).status()).isEqualTo(202);
            await().atMost(TIMEOUT).until(() -> rest.taskStates("seq").equals(List.of("PAUSED", "PAUSED")));
            List<String> inTopic = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : readAll(KAFKA.bootstrapServers(), topic)) {
                inTopic.add(new String(r.value(), StandardCharsets.UTF_8));
            }
            Set<String> distinct = new TreeSet<>(inTopic);
            assertThat(gaps(distinct)).as("sequence numbers the source skipped").isEmpty();
            await().atMost(TIMEOUT).until(() -> received(records).containsAll(distinct));
            Set<String> missing = new HashSet<>(distinct);
            missing.removeAll(received(records));
            assertThat(missing).isEmpty();
            System.out.printf("DistributedRollingBounceIT: 9 restarts, each back to all tasks RUNNING in %s ms; "
                    + "%d records in the topic, %d distinct, %d repeated; the sink received all %d, 0 missing "
                    + "(%d sink deliveries in all)%n", bounceMs, inTopic.size(), distinct.size(),
                    inTopic.size() - distinct.size(), distinct.size(), deliveries(records));
        } finally {
            workers.forEach(ConnectWorker::close);
        }
    }

    private static void awaitAllRunning(List<ConnectWorker> workers) {
        Set<String> live = new HashSet<>();
        List<Rest> rests = new ArrayList<>();
        for (ConnectWorker w : workers) {
            java.net.URI u = java.net.URI.create(w.restUrl());
            live.add(u.getHost() + ":" + u.getPort());
            rests.add(new Rest(w.restUrl()));
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> rests.stream().allMatch(r ->
                r.taskStates("seq").equals(List.of("RUNNING", "RUNNING"))
                        && r.taskStates("sink").equals(List.of("RUNNING", "RUNNING", "RUNNING"))
                        && live.containsAll(placement(r).values()))
                && rests.stream().map(DistributedRollingBounceIT::placement).distinct().count() == 1);
    }

    /** Per task, the numbers between 0 and its highest that are not in {@code values}. */
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

    /** Every value any sink task instance received. */
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

    /** "connector/task" → worker_id as one worker reports it. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> placement(Rest rest) {
        Map<String, String> out = new TreeMap<>();
        for (String c : List.of("seq", "sink")) {
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
}
