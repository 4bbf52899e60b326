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
            description = "Client port of the first broker; broker i listens on port+i (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = ".rill/kafka",
            description = "Where the cluster keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--brokers", defaultValue = "1",
            description = "Number of brokers; above 1 a dedicated controller is added (default: ${DEFAULT-VALUE}).")
    int brokers;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
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
        out.println("  stop with Ctrl-C");
        out.flush();
        signal.await();
        return 0;
    }
}
