package dev.rill.cli;

import dev.rill.cli.demo.Demo;
import dev.rill.cli.demo.DemoOptions;
import dev.rill.cli.demo.DemoRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code rill demo}: the whole seed story in one command. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Runs the Rill demo in one process until Ctrl-C: an embedded Kafka, a Rill Connect worker "
                + "(datagen source of payments into 'payment', JDBC sink of 'unknown-payment' into SQLite) and a "
                + "Rill Streams app that filters payments with key 'unknown' into 'unknown-payment' and counts "
                + "payments per key.",
                "Data is kept in the data dir; the next run resumes. Shows a live view of the pipeline."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = ".rill/demo",
            description = "Where Kafka, Connect offsets, Streams state and the SQLite file live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete the data dir first and start over.")
    boolean fresh;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka client port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--connect-port", defaultValue = "8083",
            description = "Port of the Connect REST API (default: ${DEFAULT-VALUE}).")
    int connectPort;

    @Option(names = "--query-port", defaultValue = "8084",
            description = "Port of the Streams app's interactive-query endpoint (default: ${DEFAULT-VALUE}).")
    int queryPort;

    @Option(names = "--rate", defaultValue = "200",
            description = "Payments generated per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--records", defaultValue = "-1",
            description = "Payments to generate in all; -1 = no end (default: ${DEFAULT-VALUE}).")
    long records;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Demo.checkPorts(kafkaPort, connectPort, queryPort);
        List<Path> plugins = BuiltInPlugins.directories();
        if (plugins.isEmpty()) {
            throw new UserErrorHandler.UserException("the built-in connector plugins (rill-connect-*/target/plugin) "
                    + "were not found under " + Path.of(System.getProperty(BuiltInPlugins.HOME_PROPERTY, "."))
                    .toAbsolutePath() + ": run the demo through ./rill from the repository root, which builds them");
        }
        if (fresh) {
            deleteRecursively(dataDir);
        }
        String pluginPath = plugins.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(","));
        DemoOptions options = new DemoOptions(dataDir, kafkaPort, connectPort, queryPort, rate, records, pluginPath);
        PrintWriter out = spec.commandLine().getOut();
        // the live view owns the screen: the broker's, Connect's and Streams' logging goes to files
        Path logs = LogFiles.allLogsTo(dataDir.resolve("logs")).getParent();
        String logHint = logs + " (" + LogFiles.RILL_LOG + ": Connect and Streams, " + LogFiles.KAFKA_LOG
                + ": the broker)";
        out.println("Starting the Rill demo (data in " + dataDir + ", logs in " + logHint + ") ...");
        out.flush();
        Demo demo = Demo.start(options);
        DemoRunner runner = new DemoRunner(demo, out, System.console() != null, logHint);
        ShutdownSignal signal = ShutdownSignal.install(() -> {
            runner.stop();
            demo.close();
            out.println("Demo stopped; data kept in " + dataDir + " (run again to resume, --fresh to start over)");
            out.flush();
        });
        runner.printIntroduction();
        runner.runUntilStopped();
        signal.await();
        return 0;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + " for --fresh", e);
        }
    }
}
