package dev.rill.bench.scenarios;

import dev.rill.bench.BenchContext;
import dev.rill.bench.Launch;
import dev.rill.bench.RunContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.Verdict;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Recovery after {@code kill -9} under exactly-once: each run first counts 1 M distinct keys with the side's count
 * program under {@code exactly_once_v2} in a child JVM, which is killed with SIGKILL once the whole input is
 * committed; the timed run restarts the side on the same state directory and stops the clock when it runs all its
 * tasks again. Apache Kafka Streams 4.3.1 keeps no checkpoint for a running exactly-once task, so it wipes the store
 * and restores the whole changelog; Rill reopens the store it committed to.
 */
public final class EosRecoveryScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(EosRecoveryScenario.class);
    static final String INPUT_TOPIC = "eos-recovery-input";
    static final int PARTITIONS = 4;

    public static final List<Side> SIDES = List.of(
            Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "dev.rill.bench.sides.KafkaStreamsCountMain"),
            Side.onHarnessClasspath("rill-streams", SideRole.RILL, "dev.rill.bench.sides.RillStreamsCountMain"));

    private long keys;
    private Map<TopicPartition, Long> inputEnd;

    @Override
    public String id() {
        return "eos-recovery";
    }

    @Override
    public String title() {
        return "Recovery of a 1 M-key count store after kill -9 (exactly-once)";
    }

    @Override
    public List<Side> sides() {
        return SIDES;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        keys = context.records(1_000_000, 1_000_000);
        context.cluster().createTopic(INPUT_TOPIC, PARTITIONS, 1);
        RestoreScenario.produceDistinctKeys(context.bootstrapServers(), INPUT_TOPIC, keys);
        inputEnd = context.endOffsets(INPUT_TOPIC);
    }

    @Override
    public List<String> describe(BenchContext context) {
        return List.of(
                "The count program of the count scenario (`groupByKey().count(Materialized.as(\"counts\"))` on RocksDB) "
                        + "under `processing.guarantee=exactly_once_v2`, on " + keys + " distinct keys in " + PARTITIONS
                        + " partitions (a changelog of " + keys + " records).",
                "",
                "- Before every run (untimed): the side's JVM counts the input with a fresh `state.dir` until its group "
                        + "has committed the end of the input, then is killed with SIGKILL (`destroyForcibly`).",
                "- Timed: the same side restarted with the same properties and `state.dir`; the clock stops when it is "
                        + "RUNNING with all " + PARTITIONS + " tasks active (it commits a signal offset the harness "
                        + "watches). The wall time is the figure; the rec/s column means nothing here.",
                "- Both sides get `consumer.session.timeout.ms=6000` and `consumer.heartbeat.interval.ms=1000`, so the "
                        + "killed member leaves the group after about 6 s on either side; everything else as in the "
                        + "count scenario (`commit.interval.ms=" + context.commitIntervalMs() + "`).",
                "- Verified: a scan of the recovered store (on shutdown) returns " + keys + " keys; the verification "
                        + "column gives the changelog records each side restored and its restore phase.");
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        String output = "eos-recovery-out-" + run.runId();
        context.cluster().createTopic(output, PARTITIONS, 1);
        Properties props = CountScenario.streamsProperties(run, INPUT_TOPIC, output);
        props.setProperty("processing.guarantee", CountScenario.EXACTLY_ONCE_V2);
        props.setProperty("consumer.session.timeout.ms", "6000");
        props.setProperty("consumer.heartbeat.interval.ms", "1000");
        Path first = run.workDir().resolve(run.side().name() + "-before-kill.properties");
        SeedFilterScenario.write(props, first);
        killAfterCounting(context, run, first);

        props.setProperty("bench.restore.signal.group", signalGroup(run));
        props.setProperty("bench.restore.report.file", reportFile(run).toString());
        props.setProperty("bench.restore.running.topic", INPUT_TOPIC);
        props.setProperty("bench.restore.running.tasks", Integer.toString(PARTITIONS));
        Path file = run.workDir().resolve(run.side().name() + ".properties");
        SeedFilterScenario.write(props, file);
        Map<TopicPartition, Long> signal = new LinkedHashMap<>();
        signal.put(new TopicPartition(INPUT_TOPIC, 0), 1L);
        return Launch.of(List.of(file.toString()), signalGroup(run), signal);
    }

    /** Runs the side until its group committed the whole input, then kills its JVM with SIGKILL. */
    private void killAfterCounting(BenchContext context, RunContext run, Path properties) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx2g", "-cp",
                System.getProperty("java.class.path"), run.side().mainClass(), properties.toString()));
        Path logFile = run.workDir().resolve(run.side().name() + "-before-kill.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        long start = System.nanoTime();
        try {
            RestoreScenario.awaitCommitted(context, run.runId(), inputEnd);
        } finally {
            process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
        log.info("eos-recovery: {} counted {} keys in {} ms and was killed", run.side().name(), keys,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        Path file = reportFile(run);
        if (!Files.exists(file)) {
            return Verdict.wrong("the side wrote no restore report to " + file + " on shutdown");
        }
        Properties report = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            report.load(reader);
        }
        long restored = Long.parseLong(report.getProperty("restored.records", "-1"));
        long storeKeys = Long.parseLong(report.getProperty("store.keys", "-1"));
        String found = "restored " + restored + " changelog records, a scan of the store returned " + storeKeys
                + " keys";
        long firstStart = Long.parseLong(report.getProperty("restore.first.start.uptime.ms", "-1"));
        long lastEnd = Long.parseLong(report.getProperty("restore.last.end.uptime.ms", "-1"));
        String phase = firstStart < 0 ? "; nothing to restore (running at JVM uptime " + lastEnd + " ms)"
                : RestoreScenario.restorePhase(firstStart, lastEnd);
        return storeKeys == keys ? Verdict.correct(found + phase)
                : Verdict.wrong("expected " + keys + " keys in the recovered store, but " + found + phase);
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        context.admin().deleteTopics(List.of("eos-recovery-out-" + run.runId(),
                RestoreScenario.changelogOf(run.runId()))).all().get(1, TimeUnit.MINUTES);
        context.admin().deleteConsumerGroups(List.of(signalGroup(run))).all().get(1, TimeUnit.MINUTES);
    }

    private static String signalGroup(RunContext run) {
        return run.runId() + "-running";
    }

    private static Path reportFile(RunContext run) {
        return run.workDir().resolve("recovery-report.properties");
    }
}
