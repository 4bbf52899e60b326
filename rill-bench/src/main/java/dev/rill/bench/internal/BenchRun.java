package dev.rill.bench.internal;

import dev.rill.bench.BenchContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.SideJvms;
import dev.rill.bench.Side;
import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** One benchmark invocation: start the broker, run the selected scenarios, write the report. */
public final class BenchRun {

    /** Everything from this line on in docs/performance.md is kept by a harness run. */
    static final String KEEP_MARKER = "<!-- Sections below are not written by rill-bench/bench.sh; it keeps them. -->";

    private static final Logger log = LoggerFactory.getLogger(BenchRun.class);
    static final String CHILD_LOG_CONFIG = "rill-bench-child-log4j2.xml";

    private final BenchOptions options;
    private final List<Scenario> scenarios;

    private BenchRun(BenchOptions options, List<Scenario> scenarios) {
        this.options = options;
        this.scenarios = scenarios;
    }

    /**
     * Parses the command line and selects scenarios from those available.
     *
     * @throws IllegalArgumentException listing every invalid option or unknown scenario id
     */
    public static BenchRun fromArgs(List<Scenario> available, String... args) {
        BenchOptions options = BenchOptions.parse(args);
        if (options.scenarios().isEmpty()) {
            return new BenchRun(options, available);
        }
        List<Scenario> selected = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : options.scenarios()) {
            available.stream().filter(s -> s.id().equals(id)).findFirst()
                    .ifPresentOrElse(selected::add, () -> unknown.add(id));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown scenario(s) " + unknown + "; expected ids from "
                    + available.stream().map(Scenario::id).toList());
        }
        return new BenchRun(options, selected);
    }

    /** Runs every selected scenario, writes the report and returns the results. */
    public List<ScenarioResult> run() throws Exception {
        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        Path workDir = options.workDir() != null ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("rill-bench-");
        Path childLogConfig = extractChildLogConfig(workDir);
        List<ScenarioResult> results = new ArrayList<>();
        log.info("benchmark files in {}", workDir);
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().start();
             Admin admin = cluster.admin()) {
            Classpaths classpaths = new Classpaths(options.classpaths());
            SideJvms sideJvms = (side, args, logFile) -> ChildJvm.start(classpaths.get(side.classpath())
                    .orElseThrow(() -> new IllegalStateException("no classpath named " + side.classpath())),
                    options.jvmFlags(), childLogConfig, side.mainClass(), args, logFile).process();
            BenchContext context = new BenchContext(cluster, admin, options.quick(), options.records(),
                    options.commitIntervalMs(), options.pluginPath(), workDir, options.latencyRate(), sideJvms);
            SideRunner runner = new SideRunner(context, classpaths, options.jvmFlags(),
                    childLogConfig, TimeUnit.SECONDS.toMillis(options.runTimeoutSeconds()));
            for (Scenario scenario : scenarios) {
                results.add(runScenario(scenario, context, runner));
            }
        }
        MarkdownReport.Input report = new MarkdownReport.Input(started, Instant.now(), options, Machine.current(),
                loadBefore, Machine.loadAverage(), AppInfoParser.getVersion(), rillVersion(), results);
        if (options.output().getParent() != null) {
            Files.createDirectories(options.output().getParent());
        }
        Files.writeString(options.output(), MarkdownReport.render(report) + keptSections(options.output()));
        log.info("wrote {}", options.output().toAbsolutePath());
        return results;
    }

    /**
     * Sections of an existing report below {@link #KEEP_MARKER}: figures from benchmarks that run outside this
     * harness (e.g. the JDBC sink's), which a harness run must not erase.
     */
    private static String keptSections(java.nio.file.Path report) throws java.io.IOException {
        if (!Files.exists(report)) {
            return "";
        }
        String existing = Files.readString(report);
        int marker = existing.indexOf(KEEP_MARKER);
        return marker < 0 ? "" : "\n" + existing.substring(marker);
    }

    private ScenarioResult runScenario(Scenario scenario, BenchContext context, SideRunner runner) throws Exception {
        log.info("{}: preparing the input", scenario.id());
        long start = System.nanoTime();
        scenario.prepare(context);
        log.info("{}: input ready in {} ms", scenario.id(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        List<RunRecord> runs = new ArrayList<>();
        Set<Side> unavailable = new HashSet<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (Side side : scenario.sides()) {
                if (unavailable.contains(side)) {
                    continue;
                }
                String runId = scenario.id() + "-" + side.name() + "-r" + round + "-"
                        + UUID.randomUUID().toString().substring(0, 6);
                RunRecord record = runner.run(scenario, side, round, runId);
                if (record.status() == RunStatus.NOT_AVAILABLE) {
                    log.warn("{}: side {} is not available: {}", scenario.id(), side.name(), record.detail());
                    unavailable.add(side);
                }
                runs.add(record);
            }
        }
        ScenarioResult result = new ScenarioResult(scenario.id(), scenario.title(), scenario.describe(context),
                scenario.sides(), runs);
        for (Side side : scenario.sides()) {
            context.recordMedianThroughput(scenario.id(), side.name(),
                    result.summary(side, RunRecord::recordsPerSecondAfterFirstCommit).median());
        }
        return result;
    }

    private static Path extractChildLogConfig(Path workDir) throws IOException {
        Path target = workDir.resolve(CHILD_LOG_CONFIG);
        try (InputStream in = BenchRun.class.getResourceAsStream("/" + CHILD_LOG_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(CHILD_LOG_CONFIG + " is missing from the harness classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static String rillVersion() {
        String commit = System.getProperty("rill.bench.commit", "");
        String version = BenchRun.class.getPackage().getImplementationVersion();
        return (version != null ? version : "0.1.0-SNAPSHOT") + (commit.isBlank() ? "" : " (commit " + commit + ")");
    }
}
