package dev.rill.bench.internal;

import dev.rill.bench.BenchContext;
import dev.rill.bench.Launch;
import dev.rill.bench.ReadinessProbe;
import dev.rill.bench.RunContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.Side;
import dev.rill.bench.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one side once: launch its JVM, watch its group's committed offsets and its memory until it has consumed
 * the whole input, stop it, then let the scenario verify the output. Only a verified run is timed.
 */
final class SideRunner {

    private static final Logger log = LoggerFactory.getLogger(SideRunner.class);
    private static final long POLL_MILLIS = 20;
    private static final long OFFSET_QUERY_MILLIS = 50;

    private final BenchContext context;
    private final Classpaths classpaths;
    private final List<String> jvmFlags;
    private final Path log4jConfig;
    private final long timeoutMillis;

    SideRunner(BenchContext context, Classpaths classpaths, List<String> jvmFlags, Path log4jConfig, long timeoutMillis) {
        this.context = context;
        this.classpaths = classpaths;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.log4jConfig = log4jConfig;
        this.timeoutMillis = timeoutMillis;
    }

    RunRecord run(Scenario scenario, Side side, int round, String runId) throws Exception {
        Optional<String> unavailable = classpaths.unavailableReason(side);
        if (unavailable.isPresent()) {
            return new RunRecord(scenario.id(), side, round, RunStatus.NOT_AVAILABLE, unavailable.get(), 0, 0, -1, -1, 0, 0);
        }
        Path workDir = Files.createDirectories(context.workDir().resolve(runId));
        RunContext run = new RunContext(side, round, runId, workDir, context.bootstrapServers(), context.commitIntervalMs());
        try {
            Launch launch = scenario.beforeRun(context, run);
            RunRecord record = launchAndWatch(scenario, run, launch);
            log.info("{} round {} {}: {}", scenario.id(), round, side.name(), describe(record));
            return record;
        } finally {
            try {
                scenario.afterRun(context, run);
            } catch (Exception e) {
                log.warn("cleaning up after {} failed: {}", runId, e.toString());
            }
        }
    }

    private RunRecord launchAndWatch(Scenario scenario, RunContext run, Launch launch) throws Exception {
        Side side = run.side();
        long start = System.nanoTime();
        long readyMs = -1;
        long firstCommitMs = -1;
        long firstCommitRecords = 0;
        long lastQuery = 0;
        ChildJvm child = ChildJvm.start(classpaths.get(side.classpath()).orElseThrow(), launch.jvmFlags(jvmFlags),
                log4jConfig, side.mainClass(), launch.args(), run.workDir().resolve(side.name() + ".log"));
        try (child) {
            while (true) {
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                child.samplePeakRss();
                if (!child.isAlive()) {
                    return failed(scenario, run, launch, "the JVM exited with code " + child.exitValue()
                            + " before consuming the whole input; " + tail(child.logFile()), child.samplePeakRss());
                }
                if (elapsedMs > timeoutMillis) {
                    return failed(scenario, run, launch, "timed out after " + timeoutMillis / 1000
                            + " s before consuming the whole input; see " + child.logFile(), child.samplePeakRss());
                }
                if (readyMs < 0 && launch.readiness().isPresent() && probe(launch.readiness().get())) {
                    readyMs = elapsedMs;
                }
                if (System.nanoTime() - lastQuery >= TimeUnit.MILLISECONDS.toNanos(OFFSET_QUERY_MILLIS)) {
                    lastQuery = System.nanoTime();
                    GroupProgress progress = queryProgress(launch);
                    long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (firstCommitMs < 0 && progress.anyCommit()) {
                        firstCommitMs = now;
                        firstCommitRecords = progress.committedRecords();
                    }
                    if (progress.done()) {
                        long peak = child.samplePeakRss();
                        child.stop();
                        Verdict verdict = scenario.verify(context, run);
                        return new RunRecord(scenario.id(), side, run.round(),
                                verdict.correct() ? RunStatus.OK : RunStatus.WRONG_OUTPUT, verdict.detail(),
                                launch.inputRecords(), now, readyMs, firstCommitMs, firstCommitRecords, peak,
                                verdict.measurements());
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private GroupProgress queryProgress(Launch launch) {
        try {
            if (launch.progress().isPresent()) {
                return GroupProgress.ofRecords(launch.progress().get().recordsDone(), launch.inputRecords());
            }
            return GroupProgress.query(context.admin(), launch.groupId(), launch.endOffsets());
        } catch (Exception e) {
            // A slow or failed query is retried on the next poll; the run's own timeout bounds the wait.
            log.debug("querying the progress of {} failed: {}", launch.progress().isPresent() ? "the side's output"
                    : "group " + launch.groupId(), e.toString());
            return GroupProgress.of(launch.endOffsets(), java.util.Map.of());
        }
    }

    private static boolean probe(ReadinessProbe probe) {
        try {
            return probe.isReady();
        } catch (Exception e) {
            return false;
        }
    }

    private static RunRecord failed(Scenario scenario, RunContext run, Launch launch, String detail, long peak) {
        return new RunRecord(scenario.id(), run.side(), run.round(), RunStatus.FAILED, detail, launch.inputRecords(),
                0, -1, -1, 0, peak);
    }

    /** The last lines of a child's log, for a failure message. */
    static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return "last log lines (" + logFile + "): "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "no log at " + logFile;
        }
    }

    private static String describe(RunRecord record) {
        if (!record.timed()) {
            return record.status() + " - " + record.detail();
        }
        return String.format("%.0f rec/s, %.2f s, peak RSS %d MiB%s", record.recordsPerSecond(),
                record.wallMs() / 1000.0, record.peakRssBytes() >> 20,
                record.readyMs() >= 0 ? ", running after " + record.readyMs() + " ms" : "");
    }
}
