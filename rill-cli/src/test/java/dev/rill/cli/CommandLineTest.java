package dev.rill.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void versionNamesRillAndTheKafkaVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("rill 0.1.0-SNAPSHOT").contains("Apache Kafka 4.3.1");
    }

    @Test
    void helpListsTheKafkaCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: rill").contains("kafka");
    }

    @Test
    void kafkaHelpDocumentsItsOptionsAndDefaults() {
        assertThat(run("kafka", "--help")).isZero();
        assertThat(out.toString()).containsIgnoringWhitespaces("--port", "(default: 9092)", "--data-dir",
                "(default: .rill/kafka)", "--brokers", "(default: 1)");
    }

    @Test
    void kafkaOnABusyPortExitsNonZeroWithOneLineNamingThePort(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            int exitCode = run("kafka", "--port", Integer.toString(port), "--data-dir", dataDir.toString());

            assertThat(exitCode).isNotZero();
            assertThat(err.toString().strip()).doesNotContain("\n")
                    .startsWith("rill kafka: port " + port + " is already in use")
                    .contains("--port");
            assertThat(dataDir).isEmptyDirectory();
        }
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("kafka", "--prot", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "'--prot'").contains("Usage: rill kafka");
    }
}
