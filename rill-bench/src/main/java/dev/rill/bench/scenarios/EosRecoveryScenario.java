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
 *
 * <p>Two variants: with dynamic members (the default), the restarted side waits for the group coordinator to drop
 * the killed member after its session timeout before it gets its tasks back; with static membership
 * ({@code group.instance.id}, the same before and after the kill), the restarted side takes the killed member's place
 * at once, so the figure is the side's own start and restore.
 */
public final class EosRecoveryScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(EosRecoveryScenario.class);
    static final int PARTITIONS = 4;

    public static final List<Side> SIDES = List.of(
            Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "dev.rill.bench.sides.KafkaStreamsCountMain"),
            Side.onHarnessClasspath("rill-streams", SideRole.RILL, "dev.rill.bench.sides.RillStreamsCountMain"));

    private final boolean staticMembership;
    private long keys;
    private Map<TopicPartition, Long> inputEnd;

    /** The variant with dynamic group members. */
    public EosRecoveryScenario() {
        this(false);
    }

    private EosRecoveryScenario(boolean staticMembership) {
        this.staticMembership = staticMembership;
    }

    /** The variant whose side restarts as the same static group member ({@code group.instance.id}). */
    public static EosRecoveryScenario staticMembership() {
        return new EosRecoveryScenario(true);
    }

    @Override
    public String id() {
        return staticMembership ? "eos-recovery-static" : "eos-recovery";
    }

    /** Each variant counts its own input topic, so both can run in one bench run. */
    private String inputTopic() {
        return id() + "-input";
    }

    @Override
    public String title() {
        return "Recovery of a 1 M-key count store after kill -9 (exactly-once" + (staticMembership
                ? ", static membership)" : ")");
    }

    @Override
    public List<Side> sides() {
        return SIDES;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        keys = context.records(1_000_000, 1_000_000);
        context.cluster().createTopic(inputTopic(), PARTITIONS, 1);
        RestoreScenario.produceDistinctKeys(context.bootstrapServers(), inputTopic(), keys);
        inputEnd = context.endOffsets(inputTopic());
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
                staticMembership
                        ? "- Static membership: both sides also get `group.instance.id=<run id>-instance`, the same "
                        + "before and after the kill, so the restarted side replaces the killed member at once "
                        + "instead of waiting for its session timeout."
                        : "- Dynamic members (no `group.instance.id`): the restarted side waits for that session "
                        + "timeout; the `eos-recovery-static` variant removes the wait.",
                "- Verified: a scan of the recovered store (on shutdown) returns " + keys + " keys; the verification "
                        + "column gives the changelog records each side restored and its restore phase.");
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        String output = "eos-recovery-out-" + run.runId();
        context.cluster().createTopic(output, PARTITIONS, 1);
        Properties props = CountScenario.streamsProperties(run, inputTopic(), output);
        props.setProperty("processing.guarantee", CountScenario.EXACTLY_ONCE_V2);
        props.setProperty("consumer.session.timeout.ms", "6000");
        props.setProperty("consumer.heartbeat.interval.ms", "1000");
        if (staticMembership) {
            props.setProperty("group.instance.id", run.runId() + "-instance");
        }
        Path first = run.workDir().resolve(run.side().name() + "-before-kill.properties");
        SeedFilterScenario.write(props, first);
        killAfterCounting(context, run, first);

        props.setProperty("bench.restore.signal.group", signalGroup(run));
        props.setProperty("bench.restore.report.file", reportFile(run).toString());
        props.setProperty("bench.restore.running.topic", inputTopic());
        props.setProperty("bench.restore.running.tasks", Integer.toString(PARTITIONS));
        Path file = run.workDir().resolve(run.side().name() + ".properties");
        SeedFilterScenario.write(props, file);
        Map<TopicPartition, Long> signal = new LinkedHashMap<>();
        signal.put(new TopicPartition(inputTopic(), 0), 1L);
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
