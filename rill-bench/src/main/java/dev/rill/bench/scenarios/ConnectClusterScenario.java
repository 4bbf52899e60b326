package dev.rill.bench.scenarios;

import dev.rill.bench.BenchContext;
import dev.rill.bench.Launch;
import dev.rill.bench.PaymentInput;
import dev.rill.bench.RunContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.Verdict;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Apache's FileStreamSink on a cluster of distributed workers, Apache Kafka Connect 4.3.1 (anchor) against Rill
 * Connect, each side with its defaults. One connector (one task) per worker copies one topic to its own file. The
 * workers but the last are started untimed, one after the other (so the first leads the group), and the connectors
 * are created on the first one STOPPED; the timed run is the last worker, and the connectors are resumed once it has
 * joined. Two variants: {@link #throughput()}, two workers copying the input; {@link #failover()}, three workers of
 * which the second (not the leader) is killed with SIGKILL halfway through its task's topic, measuring how long
 * until every task runs on a live worker and the killed task's records flow again.
 */
public final class ConnectClusterScenario implements Scenario {
    private static final Logger log = LoggerFactory.getLogger(ConnectClusterScenario.class);
    static final int PARTITIONS = 2;
    private static final long SEED = 16_2L;
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    private static final String FILE_SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    static final List<Side> SIDES = List.of(
            new Side("kafka-connect", SideRole.ANCHOR, "org.apache.kafka.connect.cli.ConnectDistributed",
                    ConnectSinkScenario.APACHE_CONNECT_CLASSPATH),
            new Side("rill-connect", SideRole.RILL, "dev.rill.bench.sides.RillConnectDistributedMain",
                    ConnectSinkScenario.RILL_CONNECT_CLASSPATH));

    private final boolean kill;
    private final ConnectRestCalls rest = new ConnectRestCalls();
    private final List<String> topics = new ArrayList<>();
    private final List<Set<String>> values = new ArrayList<>();
    private final Map<TopicPartition, Long> endOffsets = new LinkedHashMap<>();
    private ConnectClusterDriver driver;

    private ConnectClusterScenario(boolean kill) {
        this.kill = kill;
    }

    /** Workers in the cluster, the timed one included; also the number of connectors (one task each). */
    private int workers() {
        return kill ? 3 : 2;
    }

    /** Both workers copy the whole input: the throughput of a two-worker cluster. */
    public static ConnectClusterScenario throughput() {
        return new ConnectClusterScenario(false);
    }

    /** The first worker is killed halfway: how fast its task moves and its records flow again. */
    public static ConnectClusterScenario failover() {
        return new ConnectClusterScenario(true);
    }

    @Override
    public String id() {
        return kill ? "connect-failover" : "connect-cluster";
    }

    @Override
    public String title() {
        return kill ? "Connect distributed: kill -9 of a worker, failover of its task"
                : "Connect distributed: FileStreamSink on two workers";
    }

    @Override
    public List<Side> sides() {
        return SIDES;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        context.pluginPath();
        long perTopic = kill ? context.records(600_000, 300_000) / workers()
                : context.records(1_000_000, 300_000) / workers();
        for (int i = 0; i < workers(); i++) {
            String topic = id() + "-in-" + i;
            PaymentInput input = new PaymentInput(perTopic, SEED + i);
            context.cluster().createTopic(topic, PARTITIONS, 1);
            input.produceTo(context.bootstrapServers(), topic);
            Set<String> set = new HashSet<>();
            input.forEach((key, value) -> set.add(value));
            topics.add(topic);
            values.add(set);
            endOffsets.putAll(context.endOffsets(topic));
        }
    }

    @Override
    public List<String> describe(BenchContext context) {
        List<String> lines = new ArrayList<>(List.of(
                workers() + " distributed workers of one group on the harness's broker, the same worker properties on both "
                        + "sides: `bootstrap.servers`, `group.id` and the three storage topics (per run, replication "
                        + "factor 1), `plugin.path`, `key.converter` and `value.converter` = `StringConverter`, "
                        + "`offset.flush.interval.ms=" + context.commitIntervalMs() + "`, `listeners=http://127.0.0.1:"
                        + "<free port>`; everything else at each side's defaults (Apache: "
                        + "`scheduled.rebalance.max.delay.ms=300000`, `session.timeout.ms=10000`).",
                "",
                "- Input: " + workers() + " topics of " + values.get(0).size() + " payment records each, "
                        + PARTITIONS + " partitions each; connector i (`FileStreamSinkConnector`, `tasks.max=1`) "
                        + "copies topic i to its own file (one file per task, so no two processes append to one file).",
                "- **kafka-connect** (anchor): `org.apache.kafka.connect.cli.ConnectDistributed worker.properties` on "
                        + "connect-runtime's runtime classpath. **rill-connect** (Rill): `ConnectWorker.builder()"
                        + ".workerProperties(worker.properties).distributed().start()` on rill-connect's classpath.",
                "- Before every run (untimed): the workers but the last are started one after the other (each "
                        + "once the one before answers `GET /connectors`, so the first leads the group), and the "
                        + "connectors are created on the first with `\"initial_state\": \"STOPPED\"`. Timed: the last "
                        + "worker from its launch; once it answers `GET /connectors` (it has joined) the connectors "
                        + "are resumed; the run ends when every file holds every value of its topic (at least once)."));
        if (kill) {
            lines.add("- Failover: when the connector whose task runs on the second worker (not the group's leader) has "
                    + "written half its topic, that worker is killed with SIGKILL. *Tasks moved (s)*: from the kill "
                    + "until every task is RUNNING on a live worker (the timed worker's `GET "
                    + "/connectors/<name>/status`); *records flowing (s)*: until the killed task's file gains a value "
                    + "it did not have. The rec/s column includes the wait.");
        }
        lines.add("- Verified: each file holds every value of its topic; lines written twice (redelivery after the "
                + "failover) are counted, not failed.");
        return lines;
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        List<Integer> ports = new ArrayList<>();
        List<Process> untimed = new ArrayList<>();
        int timedPort = freePort();
        Path timed = run.workDir().resolve("worker.properties");
        SeedFilterScenario.write(workerProperties(context, run, timedPort), timed);
        try {
            for (int w = 0; w < workers() - 1; w++) {
                int port = freePort();
                Path props = run.workDir().resolve("untimed-worker-" + w + ".properties");
                SeedFilterScenario.write(workerProperties(context, run, port), props);
                Process worker = context.sideJvms().start(run.side(), List.of(props.toString()),
                        run.workDir().resolve(run.side().name() + "-untimed-worker-" + w + ".log"));
                untimed.add(worker);
                ports.add(port);
                awaitJoined(worker, "http://127.0.0.1:" + port, run);
            }
            String firstUrl = "http://127.0.0.1:" + ports.get(0);
            Map<String, SinkFileTail> tails = new LinkedHashMap<>();
            for (int i = 0; i < workers(); i++) {
                String name = connectorName(run, i);
                Path file = run.workDir().resolve("sink-" + i + ".txt");
                createStopped(firstUrl, name, topics.get(i), file);
                tails.put(name, new SinkFileTail(file, values.get(i)));
            }
            driver = new ConnectClusterDriver(kill, untimed, ports, timedPort, tails);
        } catch (Exception | Error e) {
            untimed.forEach(Process::destroyForcibly);
            throw e;
        }
        return Launch.watchedBy(driver, List.of(timed.toString()), endOffsets, Map.of());
    }

    private Properties workerProperties(BenchContext context, RunContext run, int port) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", run.bootstrapServers());
        p.setProperty("group.id", run.runId());
        p.setProperty("config.storage.topic", run.runId() + "-configs");
        p.setProperty("offset.storage.topic", run.runId() + "-offsets");
        p.setProperty("status.storage.topic", run.runId() + "-status");
        p.setProperty("config.storage.replication.factor", "1");
        p.setProperty("offset.storage.replication.factor", "1");
        p.setProperty("status.storage.replication.factor", "1");
        p.setProperty("plugin.path", context.pluginPath().toAbsolutePath().toString());
        p.setProperty("key.converter", STRING_CONVERTER);
        p.setProperty("value.converter", STRING_CONVERTER);
        p.setProperty("offset.flush.interval.ms", Long.toString(run.commitIntervalMs()));
        p.setProperty("listeners", "http://127.0.0.1:" + port);
        return p;
    }

    /** Waits until a worker answers {@code GET /connectors}: it has joined its group. */
    private void awaitJoined(Process worker, String url, RunContext run) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!worker.isAlive()) {
                throw new IllegalStateException("an untimed worker of " + run.runId() + " exited with code "
                        + worker.exitValue() + "; see its log in " + run.workDir());
            }
            if (rest.send("GET", url + "/connectors", null) == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("an untimed worker of " + run.runId() + " did not join its group within "
                + START_TIMEOUT.toSeconds() + " s; see its log in " + run.workDir());
    }

    private void createStopped(String url, String name, String topic, Path file) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"initial_state\":\"STOPPED\",\"config\":{"
                + "\"connector.class\":\"" + FILE_SINK + "\",\"tasks.max\":\"1\",\"topics\":\"" + topic
                + "\",\"file\":\"" + file.toAbsolutePath().toString().replace("\\", "\\\\") + "\"}}";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        int status = -1;
        while (System.nanoTime() < deadline) {
            status = rest.send("POST", url + "/connectors", body);
            if (status == 201) {
                return;
            }
            if (status != -1 && status != 409 && status < 500) {
                break;
            }
            Thread.sleep(200); // starting up or rebalancing: ask again
        }
        throw new IllegalStateException("POST /connectors for " + name + " answered " + status);
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        driver.catchUp();
        long lines = 0;
        long distinct = 0;
        List<String> problems = new ArrayList<>();
        for (SinkFileTail tail : driver.tails().values()) {
            lines += tail.lines();
            distinct += tail.distinct();
            if (tail.missing() > 0) {
                problems.add(tail.file().getFileName() + " lacks " + tail.missing() + " of " + tail.expectedCount()
                        + " values");
            }
        }
        if (kill && !driver.killed()) {
            problems.add("no task of the second worker had written half its topic while the run lasted, so nothing "
                    + "was killed");
        }
        if (!problems.isEmpty()) {
            return Verdict.wrong(String.join("; ", problems));
        }
        String detail = "every file holds every value of its topic: " + distinct + " values, " + lines
                + " lines (" + (lines - distinct) + " written twice)";
        if (!kill) {
            return Verdict.correct(detail);
        }
        detail += String.format(Locale.ROOT, "; killed the second worker when %s had written %d values; every task "
                        + "RUNNING on a live worker %s after the kill, the killed task's records flowing %s after",
                driver.victim(), driver.victimDistinctAtKill(), seconds(driver.movedMs()),
                seconds(driver.flowingMs()));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("tasks moved (s)", driver.movedMs() < 0 ? Double.NaN : driver.movedMs() / 1000.0);
        figures.put("records flowing (s)", driver.flowingMs() < 0 ? Double.NaN : driver.flowingMs() / 1000.0);
        figures.put("lines written twice", (double) (lines - distinct));
        return Verdict.correct(detail).withMeasurements(figures);
    }

    private static String seconds(long millis) {
        return millis < 0 ? "(not seen)" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        if (driver != null) {
            driver.close();
            driver = null;
        }
        for (int i = 0; i < workers(); i++) {
            Files.deleteIfExists(run.workDir().resolve("sink-" + i + ".txt"));
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < workers(); i++) {
            groups.add("connect-" + connectorName(run, i));
        }
        try {
            context.admin().deleteTopics(List.of(run.runId() + "-configs", run.runId() + "-offsets",
                    run.runId() + "-status")).all().get(1, TimeUnit.MINUTES);
            context.admin().deleteConsumerGroups(groups).all().get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            log.warn("{}: cleaning up the run's internal topics and groups failed: {}", run.runId(), e.toString());
        }
    }

    private static String connectorName(RunContext run, int i) {
        return run.runId() + "-sink-" + i;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
