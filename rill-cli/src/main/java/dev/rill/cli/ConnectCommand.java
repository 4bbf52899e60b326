package dev.rill.cli;

import dev.rill.connect.ConnectWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rill connect}: Rill Connect workers. */
@Command(name = "connect",
        mixinStandardHelpOptions = true,
        description = "Runs a Rill Connect worker (Kafka Connect compatible: same plugins, configs and REST API).",
        subcommands = {ConnectCommand.Standalone.class, ConnectCommand.Distributed.class})
final class ConnectCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rill connect standalone worker.properties [connector …]}. */
    @Command(name = "standalone",
            mixinStandardHelpOptions = true,
            description = {"Runs a standalone worker until Ctrl-C or SIGTERM.",
                    "Accepts the worker properties of Apache Kafka's connect-standalone.properties; source offsets "
                            + "are kept in offset.storage.file.filename. Rill's built-in plugins (file, datagen, "
                            + "jdbc) are added to plugin.path; plugins that use Apache's worker classes (connect-mirror) get "
                            + "them from Apache's 4.3.1 jars in rill-connect-compat/target/apache-worker."})
    static final class Standalone implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "worker.properties", description = "Worker configuration.")
        Path workerProperties;

        @Parameters(index = "1..*", paramLabel = "connector", arity = "0..*",
                description = "Connector configs to start: .properties, or .json as {name, config} or a flat map.")
        List<Path> connectors = new ArrayList<>();

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            List<Path> files = new ArrayList<>(connectors);
            files.add(0, workerProperties);
            for (Path file : files) {
                if (!Files.isReadable(file)) {
                    throw new UserErrorHandler.UserException("cannot read " + file.toAbsolutePath()
                            + ": expected a worker or connector config file; check the path");
                }
            }
            BuiltInPlugins.useApacheWorkerJars();
            ConnectWorker worker = ConnectWorker.builder().workerProperties(workerProperties).connectorFiles(connectors)
                    .extraPluginPath(BuiltInPlugins.directories()).start();
            PrintWriter out = spec.commandLine().getOut();
            ShutdownSignal signal = ShutdownSignal.install(() -> {
                worker.close();
                out.println("Rill Connect worker stopped; source offsets saved (offset.storage.file.filename of "
                        + workerProperties + ")");
                out.flush();
            });
            out.println("Rill Connect standalone worker running; REST API at " + worker.restUrl());
            out.println("  stop with Ctrl-C");
            out.flush();
            signal.await();
            return 0;
        }
    }

    /** {@code rill connect distributed worker.properties}. */
    @Command(name = "distributed",
            mixinStandardHelpOptions = true,
            description = {"Runs a distributed worker until Ctrl-C or SIGTERM.",
                    "Accepts the worker properties of Apache Kafka's connect-distributed.properties: workers with "
                            + "the same group.id form a cluster through Kafka's group coordinator and keep "
                            + "connectors, offsets and statuses in config.storage.topic, offset.storage.topic and "
                            + "status.storage.topic (created at start when missing, in Apache's formats). Create "
                            + "connectors with POST /connectors on any worker. A killed worker's tasks move to the "
                            + "others after session.timeout.ms (Rill's default: 6000).",
                    "Rill's built-in plugins are added to plugin.path, as for standalone."})
    static final class Distributed implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "worker.properties", description = "Worker configuration.")
        Path workerProperties;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            if (!Files.isReadable(workerProperties)) {
                throw new UserErrorHandler.UserException("cannot read " + workerProperties.toAbsolutePath()
                        + ": expected a worker config file; check the path");
            }
            BuiltInPlugins.useApacheWorkerJars();
            ConnectWorker worker = ConnectWorker.builder().workerProperties(workerProperties).distributed()
                    .extraPluginPath(BuiltInPlugins.directories()).start();
            PrintWriter out = spec.commandLine().getOut();
            ShutdownSignal signal = ShutdownSignal.install(() -> {
                worker.close();
                out.println("Rill Connect worker stopped; it left its group and its tasks moved to the other workers");
                out.flush();
            });
            out.println("Rill Connect distributed worker running; REST API at " + worker.restUrl());
            out.println("  stop with Ctrl-C");
            out.flush();
            signal.await();
            return 0;
        }
    }
}
