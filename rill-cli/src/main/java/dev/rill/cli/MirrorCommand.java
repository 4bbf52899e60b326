package dev.rill.cli;

import dev.rill.cli.mirror.MirrorConnectorSync;
import dev.rill.cli.mirror.MirrorMonitor;
import dev.rill.cli.mirror.MirrorPlan;
import dev.rill.cli.mirror.MirrorWorkerProperties;
import dev.rill.connect.ConnectWorker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rill mirror mm2.properties}: MirrorMaker 2's dedicated mode on Rill. One distributed Rill Connect worker per
 * target cluster ({@link MirrorWorkerProperties}) joins that target's group, which runs the source, checkpoint and
 * heartbeat connectors of every flow into the cluster ({@link MirrorConnectorSync} puts them there); processes with
 * the same file share the tasks. A status line per flow follows every few seconds.
 */
@Command(name = "mirror",
        mixinStandardHelpOptions = true,
        description = {"Replicates topics, topic configs and consumer-group offsets between Kafka clusters as "
                + "MirrorMaker 2's dedicated mode does (connect-mirror-maker.sh), from the same mm2.properties.",
                "Runs one distributed Rill Connect worker per target cluster until Ctrl-C or SIGTERM. Every rill "
                        + "mirror process started with the same file joins the same worker groups: they share the "
                        + "flows' tasks, and the survivors take over the tasks of a process that stops or dies. "
                        + "Records are replicated exactly once by default (exactly.once.source.support = enabled; "
                        + "set it to disabled in mm2.properties for at-least-once). Source positions are kept in "
                        + "the target cluster (rill-mirror-offsets.<target>.internal), so a restart continues "
                        + "where the flows stopped."},
        footer = {"", "Examples:",
                "  rill mirror mm2.properties",
                "  rill mirror mm2.properties --clusters B --data-dir /var/lib/rill-mirror"})
final class MirrorCommand implements Callable<Integer> {
    private static final java.time.format.DateTimeFormatter CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss", java.util.Locale.ROOT);


    /** Where the Rill Mirror plugin is built, under the Rill home. */
    static final String PLUGIN_DIR = "rill-mirror/target/plugin";

    @Parameters(index = "0", paramLabel = "mm2.properties", description = "MirrorMaker 2 configuration.")
    Path mm2Properties;

    @Option(names = "--clusters", split = ",", paramLabel = "ALIAS",
            description = "Run only the flows into these target clusters (as MirrorMaker 2's --clusters).")
    List<String> onlyTargets = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".rill/mirror",
            description = "Where the logs are kept (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    int statusSeconds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(mm2Properties)) {
            throw new UserErrorHandler.UserException("cannot read " + mm2Properties.toAbsolutePath()
                    + ": expected MirrorMaker 2's mm2.properties; check the path");
        }
        if (statusSeconds < 1) {
            throw new UserErrorHandler.UserException("--status-interval must be at least 1 second, got "
                    + statusSeconds);
        }
        Path plugins = Path.of(System.getProperty(BuiltInPlugins.HOME_PROPERTY, ".")).resolve(PLUGIN_DIR)
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(plugins.resolve("rill-mirror"))) {
            throw new UserErrorHandler.UserException("the Rill Mirror plugin is not built: expected "
                    + plugins.resolve("rill-mirror") + "; run ./rill from the repository root (it builds it) or "
                    + "'mvn package -pl rill-mirror -am -DskipTests'");
        }
        MirrorPlan plan;
        try {
            plan = MirrorPlan.load(mm2Properties, plugins.resolve("rill-mirror"));
        } catch (MirrorPlan.MirrorPlanException e) {
            throw new UserErrorHandler.UserException(e.getMessage(), e);
        }
        List<String> targets = targets(plan);
        Files.createDirectories(dataDir);
        Path log = LogFiles.allLogsTo(dataDir.resolve("logs"));
        PrintWriter out = spec.commandLine().getOut();

        Map<String, ConnectWorker> workers = new LinkedHashMap<>();
        Map<String, Map<String, String>> workerProps = new HashMap<>();
        MirrorMonitor[] monitor = new MirrorMonitor[1];
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        ShutdownSignal signal = ShutdownSignal.install(() -> {
            stopping.set(true);
            if (monitor[0] != null) {
                monitor[0].close();
            }
            List.copyOf(workers.values()).forEach(ConnectWorker::close);
            out.println("Rill Mirror stopped; source positions are kept in the target clusters");
            out.flush();
        });
        for (String target : targets) {
            if (!awaitReachable(target, plan.clusterSettings(target), out, signal)) {
                return 0; // stopped while waiting
            }
            workerProps.put(target, MirrorWorkerProperties.of(plan, target, plugins));
            ConnectWorker worker = startWorker(target, workerProps.get(target));
            workers.put(target, worker);
            Map<String, MirrorConnectorSync.Result> applied = new MirrorConnectorSync(worker.restUrl())
                    .apply(target, plan.flowsInto(target), Duration.ofSeconds(120));
            applied.forEach((name, result) -> {
                if (result != MirrorConnectorSync.Result.UNCHANGED) {
                    out.println("  connector " + name + " " + result.name().toLowerCase(java.util.Locale.ROOT));
                }
            });
        }
        out.println("Rill Mirror running: flows " + plan.flows().stream().filter(f -> targets.contains(f.target()))
                .map(MirrorPlan.Flow::name).collect(Collectors.joining(", ")));
        workers.forEach((target, worker) -> out.println("  worker for " + target + " (group "
                + workerProps.get(target).get("group.id") + ", "
                + (MirrorWorkerProperties.exactlyOnce(workerProps.get(target)) ? "exactly once" : "at least once")
                + "): REST API at " + worker.restUrl() + " (rill connectors --url " + worker.restUrl() + " status)"));
        out.println("  logs in " + log + "; stop with Ctrl-C");
        out.flush();

        Map<String, String> restUrls = new HashMap<>();
        workers.forEach((target, worker) -> restUrls.put(target, worker.restUrl()));
        monitor[0] = new MirrorMonitor(plan.onlyInto(targets), restUrls);
        while (!signal.await(Duration.ofSeconds(statusSeconds))) {
            List<String> lines;
            try {
                lines = MirrorMonitor.render(monitor[0].sample());
            } catch (RuntimeException e) {
                lines = List.of("  status unavailable: " + e);
            }
            if (stopping.get()) {
                continue; // stopping: no figures from half-closed workers; the loop ends once the clean-up is done
            }
            out.println(java.time.LocalTime.now().format(CLOCK) + " flows:");
            lines.forEach(out::println);
            out.flush();
        }
        return 0;
    }

    private List<String> targets(MirrorPlan plan) {
        if (onlyTargets.isEmpty()) {
            return plan.targets();
        }
        List<String> problems = new ArrayList<>();
        for (String alias : onlyTargets) {
            if (!plan.clusters().contains(alias)) {
                problems.add("'" + alias + "' is not a cluster of " + mm2Properties + " (clusters = "
                        + String.join(", ", plan.clusters()) + ")");
            } else if (!plan.targets().contains(alias)) {
                problems.add("no enabled flow has '" + alias + "' as its target");
            }
        }
        if (!problems.isEmpty()) {
            throw new UserErrorHandler.UserException("--clusters: " + String.join("; ", problems));
        }
        return plan.targets().stream().filter(onlyTargets::contains).toList();
    }

    /** Waits until the target cluster answers, saying so every few seconds; false if stopped meanwhile. */
    private static boolean awaitReachable(String alias, Map<String, String> settings, PrintWriter out,
                                          ShutdownSignal signal) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("default.api.timeout.ms", "5000");
        config.put("request.timeout.ms", "4000");
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                    return true;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    out.println("cluster " + alias + " (" + settings.get("bootstrap.servers")
                            + ") does not answer: " + (e instanceof java.util.concurrent.TimeoutException
                            ? "no answer within 5 s" : String.valueOf(e.getCause() != null ? e.getCause() : e))
                            + "; retrying every 5 s (Ctrl-C to stop)");
                    out.flush();
                    if (signal.await(Duration.ofSeconds(5))) {
                        return false;
                    }
                }
            }
        }
    }

    private ConnectWorker startWorker(String target, Map<String, String> worker) {
        Path oldPositions = dataDir.resolve(target).resolve("connect.offsets");
        if (Files.exists(oldPositions)) {
            spec.commandLine().getOut().println("note: " + oldPositions + " holds positions of an earlier rill "
                    + "mirror that ran standalone workers; they are not read: positions now live in "
                    + worker.get("offset.storage.topic") + " on " + target + ", so the flows into " + target
                    + " start from their sources' beginning once (remote topics receive those records again)");
        }
        return ConnectWorker.builder().workerProperties(worker).distributed().start();
    }
}
