package dev.rill.cli;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rill kafka}: a development Kafka broker on localhost whose data survives restarts. */
@Command(name = "kafka",
        mixinStandardHelpOptions = true,
        description = {"Runs a development Apache Kafka (KRaft) on localhost until Ctrl-C or SIGTERM.",
                "Data is kept in the data dir, so the next run with the same dir has the same topics and records."})
final class KafkaCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092",
            description = "Client port; broker i of --brokers listens on port+i (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = ".rill/kafka",
            description = "Where the cluster keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--brokers", defaultValue = "1",
            description = "Number of brokers; above 1 adds a dedicated controller (default: ${DEFAULT-VALUE}).")
    int brokers;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        Path logFile = LogFiles.brokerLogsTo(dataDir.resolve("logs")); // keeps the broker's chatter off the console
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder()
                .brokers(brokers).port(port).dataDir(dataDir).start();
        ShutdownSignal signal = ShutdownSignal.install(() -> {
            cluster.close();
            out.println("Kafka stopped; data kept in " + dataDir);
            out.flush();
        });
        out.printf("Kafka %s (KRaft, %d broker%s) ready at %s%n", RillVersion.kafkaVersion(), brokers,
                brokers == 1 ? "" : "s", cluster.bootstrapServers());
        out.printf("  data: %s (cluster id %s)%n", dataDir.toAbsolutePath().normalize(), cluster.clusterId());
        out.printf("  logs: %s%n", logFile);
        out.println("  stop with Ctrl-C");
        out.flush();
        signal.await();
        return 0;
    }

    /** Rejects values the cluster builder would refuse with a stack trace, naming the option and the allowed range. */
    private void validate() {
        if (brokers < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--brokers must be at least 1, was " + brokers);
        }
        int highest = 65535 - (brokers - 1);
        if (port < 1 || port > highest) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be between 1 and "
                    + highest + (brokers > 1 ? " (broker i listens on port+i, " + brokers + " brokers)" : "")
                    + ", was " + port);
        }
    }
}
