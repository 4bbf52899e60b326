package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.readAll;
import static dev.rill.connect.testing.ConnectTesting.testPluginPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.oracle.ApacheConnectWorker;
import dev.rill.connect.testing.ForkedWorker;
import dev.rill.connect.testing.Rest;
import dev.rill.connect.testing.SequenceSourceConnector;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Moving an exactly-once source cluster ({@code exactly.once.source.support=enabled}) between Apache Kafka Connect
 * 4.3.1 and Rill, both ways, with the same worker properties (same {@code group.id}, same internal topics): the
 * first side runs a 2-task sequence source ({@code exactly.once.support=required}; a transaction per poll, or per
 * second in the kill variants) until a few thousand records are committed, then is stopped (cleanly, or with SIGKILL
 * in the middle of its transactions); after a kill, Rill is started at once (it joins once the dead Apache member
 * is dropped), Apache only once the dead Rill member has left the group (refused meanwhile, Apache's worker exits);
 * the other side is started, runs the connector it finds in the config topic, and resumes each task from the
 * source offset of its last committed transaction. A {@code read_committed} reader then finds each task's sequence
 * numbers exactly once, in order: 0 missing, 0 repeated across the handover.
 *
 * <p>Apache's worker runs in a child JVM ({@link ApacheConnectWorker}) and loads the sequence source from a plugin
 * jar this test builds from the test classes; Rill's workers get the same {@code plugin.path}.
 */
class DistributedExactlyOnceMigrationIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String CONNECTOR = "sequence";
    private static final int TASKS = 2;
    private static final int BEFORE = 3000;
    private static final int AFTER = 2000;

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<ForkedWorker> forked = new ArrayList<>();

    private final List<Path> apacheLogs = new ArrayList<>();

    /** Kills forked workers left over, and keeps Apache's logs in target/eos-migration for reading afterwards. */
    @AfterEach
    void cleanUp(org.junit.jupiter.api.TestInfo test) throws IOException {
        forked.forEach(ForkedWorker::close);
        Path keep = Path.of("target", "eos-migration");
        Files.createDirectories(keep);
        for (Path log : apacheLogs) {
            if (Files.exists(log)) {
                Files.copy(log, keep.resolve(test.getTestMethod().orElseThrow().getName() + "-"
                        + log.getParent().getFileName() + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void apacheToRillAfterACleanStop() throws Exception {
        migrate(Kind.APACHE, false);
    }

    @Test
    void apacheToRillAfterSigkill() throws Exception {
        migrate(Kind.APACHE, true);
    }

    @Test
    void rillToApacheAfterACleanStop() throws Exception {
        migrate(Kind.RILL, false);
    }

    @Test
    void rillToApacheAfterSigkill() throws Exception {
        migrate(Kind.RILL, true);
    }

    private enum Kind { APACHE, RILL }

    /** A running first side: its REST URL, and the two ways to end it. */
    private interface FirstSide extends AutoCloseable {
        String restUrl();

        void kill();

        @Override
        void close();
    }

    private void migrate(Kind first, boolean kill) throws Exception {
        String label = (first == Kind.APACHE ? "Apache -> Rill" : "Rill -> Apache")
                + (kill ? " (SIGKILL)" : " (clean stop)");
        Map<String, String> props = workerProps();
        String topic = KAFKA.cluster().newTopic("eos-migrated", TASKS);

        // 1. the first side creates the connector and commits a few thousand records
        String firstPort;
        try (FirstSide side = first == Kind.APACHE ? startApacheFirst(props) : startRillFirst(props, kill)) {
            Rest rest = new Rest(side.restUrl());
            firstPort = port(side.restUrl());
            await().atMost(TIMEOUT).until(() -> rest.post("/connectors", Map.of("name", CONNECTOR, "config",
                    connectorConfig(topic, kill, kill ? "sequence-offsets-" + suffix : null))).status() == 201);
            awaitRunningOn(rest, List.of(firstPort), 1);
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> readAll(KAFKA.bootstrapServers(), topic, "read_committed").size() >= BEFORE);
            if (kill) {
                side.kill();
            }
        }
        long stoppedAt = System.currentTimeMillis();
        List<String> beforeValues = values(readAll(KAFKA.bootstrapServers(), topic, "read_committed"));
        int abortedBefore = readAll(KAFKA.bootstrapServers(), topic, "read_uncommitted").size() - beforeValues.size();
        Map<String, List<Long>> before = bySource(beforeValues);
        assertThat(before).as("each task committed records on the first side").containsOnlyKeys("t0", "t1");
        if (kill) {
            assertThat(readAll(KAFKA.bootstrapServers(), "sequence-offsets-" + suffix, "read_committed"))
                    .as("the first side committed offsets to the connector's own offsets topic").isNotEmpty();
        }
        long groupGoneMs = -1;
        if (kill && first == Kind.RILL) {
            // a killed worker stays in the worker group until its session times out. Apache's worker, refused the
            // group meanwhile (INCONSISTENT_GROUP_PROTOCOL: another protocol type), exits, so it is started only
            // once the group is empty. Rill's worker is started at once after Apache's kill: it keeps trying to join
            // (warning once) until the dead Apache member has been dropped.
            awaitGroupEmpty(props.get("group.id"));
            groupGoneMs = System.currentTimeMillis() - stoppedAt;
        }

        // 2. the other side, same worker properties, picks the connector up from the topics
        long secondStart = System.currentTimeMillis();
        long runningMs;
        long spreadMs = -1;
        List<AutoCloseable> second = new ArrayList<>();
        try {
            String url;
            if (first == Kind.APACHE) {
                ConnectWorker rill = startRill(props);
                second.add(rill);
                url = rill.restUrl();
            } else {
                ApacheConnectWorker apache = startApache(props, "apache-second");
                second.add(apache);
                url = apache.restUrl().toString();
            }
            Rest rest = new Rest(url);
            List<String> ports = new ArrayList<>(List.of(port(url)));
            awaitRunningOn(rest, ports, 1);
            runningMs = System.currentTimeMillis() - secondStart;
            if (first == Kind.APACHE) {
                // a second Rill worker joins: one task moves to it (stopped, committed, fenced, started there)
                long anotherStart = System.currentTimeMillis();
                ConnectWorker another = startRill(props);
                second.add(another);
                ports.add(port(another.restUrl()));
                awaitRunningOn(rest, ports, 2);
                spreadMs = System.currentTimeMillis() - anotherStart;
            }
            int total = beforeValues.size() + AFTER;
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> readAll(KAFKA.bootstrapServers(), topic, "read_committed").size() >= total);
            assertThat(ports).doesNotContain(firstPort);
        } finally {
            for (int i = second.size() - 1; i >= 0; i--) {
                second.get(i).close();
            }
        }

        // 3. read_committed: every task's sequence once, in order, and continued after the handover
        List<ConsumerRecord<byte[], byte[]>> committed = readAll(KAFKA.bootstrapServers(), topic, "read_committed");
        Map<String, List<Long>> all = bySource(values(committed));
        int missing = 0;
        int repeated = 0;
        for (Map.Entry<String, List<Long>> e : all.entrySet()) {
            List<Long> seqs = e.getValue();
            long distinct = seqs.stream().distinct().count();
            repeated += (int) (seqs.size() - distinct);
            long max = seqs.stream().mapToLong(Long::longValue).max().orElse(-1);
            missing += (int) (max + 1 - distinct);
        }
        long firstNewRecordMs = committed.stream()
                .filter(r -> {
                    String v = new String(r.value(), StandardCharsets.UTF_8);
                    String source = v.substring(0, v.indexOf('-'));
                    return Long.parseLong(v.substring(v.indexOf('-') + 1)) >= before.get(source).size();
                })
                .mapToLong(ConsumerRecord::timestamp).min().orElseThrow() - secondStart;
        int abortedTotal = readAll(KAFKA.bootstrapServers(), topic, "read_uncommitted").size() - committed.size();
        // the config topic's records besides connector, target state, task configs and session key: Apache's
        // fencing records (tasks-fencing-<connector>) show which side fenced a generation
        Map<String, String> otherConfigRecords = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(KAFKA.bootstrapServers(), props.get("config.storage.topic"),
                "read_committed")) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (!key.startsWith("connector-") && !key.startsWith("target-state-") && !key.startsWith("task-")
                    && !key.startsWith("commit-") && !key.equals("session-key")) {
                otherConfigRecords.put(key, r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        System.out.printf("DistributedExactlyOnceMigrationIT: %s: %d records committed before the handover %s, "
                + "%d after; %s side: tasks RUNNING %d ms after its start, first new committed record %d ms after "
                + "it%s; %d missing, %d repeated; records of aborted transactions (read_uncommitted only): %d "
                + "before the second side started, %d in all; other config topic records: %s%n", label,
                beforeValues.size(), counts(before),
                committed.size() - beforeValues.size(), first == Kind.APACHE ? "Rill" : "Apache", runningMs,
                firstNewRecordMs, " (" + (secondStart - stoppedAt + runningMs) + " ms after the old side stopped"
                        + (groupGoneMs < 0 ? "" : "; started once the killed worker had left the group, " + groupGoneMs
                        + " ms after the kill") + ")" + (spreadMs < 0 ? "" : "; a second Rill worker ran one of the "
                        + "tasks " + spreadMs + " ms after its start"), missing, repeated, abortedBefore, abortedTotal,
                otherConfigRecords);
        all.forEach((source, seqs) -> {
            assertThat(seqs).as("%s: sequence numbers of %s in order, each once", label, source)
                    .isEqualTo(contiguous(seqs.size()));
            assertThat(seqs.size()).as("%s: %s went on after the handover", label, source)
                    .isGreaterThan(before.get(source).size());
        });
        assertThat(all).containsOnlyKeys("t0", "t1");
        if (first == Kind.RILL) {
            assertThat(otherConfigRecords).as("Apache fenced the generation Rill wrote (Rill writes no fencing record)")
                    .containsKey("tasks-fencing-" + CONNECTOR);
        }
    }

    // ---- the two kinds of worker ------------------------------------------------------------------------------

    /** The worker properties both kinds get (Apache's {@code listeners} is chosen by {@link ApacheConnectWorker}). */
    private Map<String, String> workerProps() throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("group.id", "eos-move-" + suffix);
        p.put("config.storage.topic", "eos-move-" + suffix + "-configs");
        p.put("offset.storage.topic", "eos-move-" + suffix + "-offsets");
        p.put("status.storage.topic", "eos-move-" + suffix + "-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("plugin.path", testPluginPath() + "," + sequencePluginDir());
        p.put("plugin.discovery", "service_load");
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("offset.flush.interval.ms", "500");
        p.put("exactly.once.source.support", "enabled");
        return p;
    }

    /**
     * The sequence source, 2 tasks, exactly-once required; a transaction per poll, or, for the kill variants, one
     * per second, so that the kill finds a transaction with records in it, and the connector's own offsets topic
     * ({@code offsets.storage.topic}), which each side must read first.
     */
    private static Map<String, Object> connectorConfig(String topic, boolean longTransactions,
                                                       String ownOffsetsTopic) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("connector.class", SequenceSourceConnector.class.getName());
        c.put("topic", topic);
        c.put("tasks.max", Integer.toString(TASKS));
        c.put("batch.size", "5");
        c.put("interval.ms", "20");
        c.put("exactly.once.support", "required");
        c.put("transaction.boundary", longTransactions ? "interval" : "poll");
        c.put("transaction.boundary.interval.ms", "1000");
        if (ownOffsetsTopic != null) {
            c.put("offsets.storage.topic", ownOffsetsTopic);
        }
        return c;
    }

    private FirstSide startApacheFirst(Map<String, String> props) {
        ApacheConnectWorker apache = startApache(props, "apache-first");
        return new FirstSide() {
            @Override
            public String restUrl() {
                return apache.restUrl().toString();
            }

            @Override
            public void kill() {
                apache.kill();
            }

            @Override
            public void close() {
                apache.close();
            }
        };
    }

    private ApacheConnectWorker startApache(Map<String, String> props, String workDir) {
        ApacheConnectWorker apache = ApacheConnectWorker.startDistributed(props, dir.resolve(workDir), TIMEOUT);
        apacheLogs.add(apache.logFile());
        return apache;
    }

    private ConnectWorker startRill(Map<String, String> props) {
        Map<String, String> p = new LinkedHashMap<>(props);
        p.put("listeners", "http://localhost:0");
        return ConnectWorker.builder().workerProperties(p).distributed().start();
    }

    /** Rill's first side: in this JVM when it is stopped cleanly, in its own JVM when it is killed. */
    private FirstSide startRillFirst(Map<String, String> props, boolean forkIt) throws IOException {
        if (!forkIt) {
            ConnectWorker worker = startRill(props);
            return new FirstSide() {
                @Override
                public String restUrl() {
                    return worker.restUrl();
                }

                @Override
                public void kill() {
                    throw new UnsupportedOperationException("an in-process worker is not killed");
                }

                @Override
                public void close() {
                    worker.close();
                }
            };
        }
        Map<String, String> p = new LinkedHashMap<>(props);
        p.put("listeners", "http://localhost:0");
        ForkedWorker process = ForkedWorker.start(p, dir, "rill-first");
        forked.add(process);
        String url = process.awaitRestUrl(TIMEOUT);
        return new FirstSide() {
            @Override
            public String restUrl() {
                return url;
            }

            @Override
            public void kill() {
                process.kill();
            }

            @Override
            public void close() {
                process.close();
            }
        };
    }

    /**
     * A plugin directory with one jar: the sequence source's classes and its {@code META-INF/services} manifest,
     * built from this module's test classes, so Apache's worker can load the connector Rill's tests use.
     */
    private Path sequencePluginDir() throws IOException {
        Path root = dir.resolve("plugins");
        Path jar = root.resolve("sequence-source").resolve("sequence-source.jar");
        if (Files.exists(jar)) {
            return root;
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> c : List.of(SequenceSourceConnector.class,
                    SequenceSourceConnector.SequenceSourceTask.class)) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector"));
            out.write((SequenceSourceConnector.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return root;
    }

    // ---- waiting and reading --------------------------------------------------------------------------------

    /**
     * Every task RUNNING on one of the workers listening on {@code ports} (Apache's and Rill's worker ids end in the
     * port), spread over {@code workers} of them.
     */
    @SuppressWarnings("unchecked")
    private static void awaitRunningOn(Rest rest, List<String> ports, int workers) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            Rest.Response r = rest.get("/connectors/" + CONNECTOR + "/status");
            if (r.status() != 200) {
                return false;
            }
            List<Map<String, Object>> tasks = (List<Map<String, Object>>) r.map().get("tasks");
            List<String> on = tasks.stream().map(t -> String.valueOf(t.get("worker_id")))
                    .map(id -> id.substring(id.lastIndexOf(':') + 1)).toList();
            return tasks.size() == TASKS && tasks.stream().allMatch(t -> "RUNNING".equals(t.get("state")))
                    && ports.containsAll(on) && on.stream().distinct().count() == workers;
        });
    }

    private static void awaitGroupEmpty(String group) {
        try (Admin admin = KAFKA.cluster().admin()) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    ClassicGroupDescription d = admin.describeClassicGroups(List.of(group)).all().get().get(group);
                    return d.members().isEmpty();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        return true;
                    }
                    throw e;
                }
            });
        }
    }

    private static String port(String url) {
        return Integer.toString(URI.create(url).getPort());
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(new String(r.value(), StandardCharsets.UTF_8)));
        return out;
    }

    /** Per source ("t<n>"), its sequence numbers in the order read (one partition holds one source's). */
    private static Map<String, List<Long>> bySource(List<String> values) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (String v : values) {
            int dash = v.indexOf('-');
            out.computeIfAbsent(v.substring(0, dash), k -> new ArrayList<>())
                    .add(Long.parseLong(v.substring(dash + 1)));
        }
        return out;
    }

    private static Map<String, Integer> counts(Map<String, List<Long>> bySource) {
        Map<String, Integer> out = new TreeMap<>();
        bySource.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    private static List<Long> contiguous(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
