package dev.rill.cli;

import dev.rill.connect.StandaloneWorker;
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
        subcommands = {ConnectCommand.Standalone.class})
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
                            + "jdbc) are added to plugin.path."})
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
            StandaloneWorker worker = StandaloneWorker.start(workerProperties, connectors, BuiltInPlugins.directories());
            ShutdownSignal signal = ShutdownSignal.install(worker::close);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Rill Connect standalone worker running; REST API at " + worker.restUrl());
            out.println("  stop with Ctrl-C");
            out.flush();
            signal.await();
            return 0;
        }
    }
}
