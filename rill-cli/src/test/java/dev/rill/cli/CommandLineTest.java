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
        assertThat(out.toString()).contains("--port", "(default: 9092)", "--data-dir", "(default: .rill/kafka)",
                "--brokers", "(default: 1)");
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
    void demoOnABusyConnectPortExitsNonZeroWithOneLineNamingThePortAndItsOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            int exitCode = run("demo", "--connect-port", Integer.toString(port), "--kafka-port", "0",
                    "--query-port", "0");

            assertThat(exitCode).isNotZero();
            assertThat(err.toString().strip()).doesNotContain("\n")
                    .startsWith("rill demo: port " + port + " is already in use")
                    .endsWith("--connect-port");
        }
    }

    @Test
    void demoHelpDocumentsItsOptions() {
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--fresh", "--data-dir", "(default: .rill/demo)",
                "--kafka-port", "(default: 9092)", "--connect-port", "(default: 8083)", "--query-port",
                "(default: 8084)", "--rate", "--records");
    }

    @Test
    void connectStandaloneNamesAMissingWorkerFile() {
        assertThat(run("connect", "standalone", "no-such-worker.properties")).isEqualTo(1);
        assertThat(err.toString()).contains("no-such-worker.properties", "check the path");
    }

    @Test
    void connectDistributedNamesAMissingWorkerFile() {
        assertThat(run("connect", "distributed", "no-such-distributed.properties")).isEqualTo(1);
        assertThat(err.toString()).contains("no-such-distributed.properties", "check the path");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("kafka", "--prot", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "'--prot'").contains("Usage: rill kafka");
    }

    @Test
    void anUnknownCommandWithHelpIsAUsageErrorNamingTheCommandAndTheClosestOne() {
        assertThat(run("topicz", "--help")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("rill: unknown command 'topicz'; did you mean 'rill topics'?\n"
                + "Run 'rill --help' for the list of commands.\n");
    }

    @Test
    void anUnknownCommandWithoutHelpIsTheSameUsageError() {
        assertThat(run("consumr")).isEqualTo(2);
        assertThat(err.toString()).startsWith("rill: unknown command 'consumr'; did you mean 'rill consume' or 'rill connect'?\n");
    }

    @Test
    void anUnknownSubcommandNamesItsParent() {
        assertThat(run("groups", "describ", "g")).isEqualTo(2);
        assertThat(err.toString()).startsWith("rill groups: unknown command 'describ'; did you mean 'rill groups describe'?\n"
                + "Run 'rill groups --help' for the list of commands.\n");
    }

    @Test
    void aCommandGroupWithoutItsCommandSaysWhichExist() {
        assertThat(run("topics")).isEqualTo(2);
        assertThat(err.toString()).startsWith("rill topics: rill topics needs a command: list, describe, create, "
                + "delete or alter-config");
    }

    @Test
    void kafkaRejectsAPortOutOfRangeNamingTheRange() {
        assertThat(run("kafka", "--port", "80000")).isEqualTo(2);
        assertThat(err.toString()).startsWith("rill kafka: --port must be between 1 and 65535, was 80000\n")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void kafkaWithSeveralBrokersLeavesRoomForTheirPorts() {
        assertThat(run("kafka", "--port", "65535", "--brokers", "3")).isEqualTo(2);
        assertThat(err.toString()).startsWith("rill kafka: --port must be between 1 and 65533 (broker i listens on "
                + "port+i, 3 brokers), was 65535");
    }

    @Test
    void helpIsAtMostAHundredColumnsAndDocumentsExitCodesForEveryCommand() {
        java.util.List<java.util.List<String>> commands = java.util.List.of(java.util.List.of(), java.util.List.of("kafka"),
                java.util.List.of("demo"), java.util.List.of("connect", "standalone"),
                java.util.List.of("connect", "distributed"), java.util.List.of("topics"),
                java.util.List.of("topics", "create"), java.util.List.of("produce"), java.util.List.of("consume"),
                java.util.List.of("groups"), java.util.List.of("groups", "reset-offsets"));
        for (java.util.List<String> command : commands) {
            StringWriter help = new StringWriter();
            CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(help, true));
            java.util.List<String> args = new java.util.ArrayList<>(command);
            args.add("--help");
            assertThat(commandLine.execute(args.toArray(String[]::new))).isZero();
            assertThat(help.toString().lines()).as("help of %s", command).allMatch(line -> line.length() <= Main.USAGE_WIDTH)
                    .contains("Exit codes:", "  0   success",
                            "  1   failure (a one-line message on stderr says what to do)",
                            "  2   usage error (unknown command or option, invalid value)");
        }
    }

    @Test
    void helpNeverBreaksADefaultValueOrAnExampleAcrossLines() {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        try {
            checkHelpOf(Main.commandLine());
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString()).as("picocli's warnings while rendering help").isEmpty();
    }

    private static void checkHelpOf(CommandLine commandLine) {
        String help = commandLine.getUsageMessage();
        String name = commandLine.getCommandSpec().qualifiedName();
        for (CommandLine.Model.OptionSpec option : commandLine.getCommandSpec().options()) {
            boolean showsDefault = java.util.Arrays.stream(option.description()).anyMatch(d -> d.contains("${DEFAULT-VALUE}"));
            if (showsDefault) {
                assertThat(help).as("help of %s, option %s", name, option.longestName())
                        .contains("(default: " + option.defaultValue() + ")");
            }
        }
        int examples = help.indexOf("Examples:\n");
        if (examples >= 0) {
            // the examples run up to the first blank line (a footer may follow)
            assertThat(help.substring(examples + "Examples:\n".length()).lines().takeWhile(line -> !line.isBlank()))
                    .as("examples of %s: one a line, indented", name).allMatch(line -> line.startsWith("  "));
        }
        commandLine.getSubcommands().values().forEach(CommandLineTest::checkHelpOf);
    }

    @Test
    void theToolsHelpShowsExamplesAndTheirConnectionOptions() {
        for (String tool : new String[] {"produce", "consume"}) {
            StringWriter help = new StringWriter();
            CommandLine commandLine = Main.commandLine();
            commandLine.setOut(new PrintWriter(help, true));
            assertThat(commandLine.execute(tool, "--help")).isZero();
            assertThat(help.toString()).contains("Examples:", "rill " + tool + " ",
                    "--bootstrap-server=HOST:PORT", "(default: localhost:9092)", "--command-config=FILE");
        }
    }

    @Test
    void aToolThatCannotReachKafkaSaysSoInOneLineWithinItsTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThat(run("topics", "list", "--bootstrap-server", "localhost:" + port, "--timeout", "2")).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n").isEqualTo("rill topics list: no answer from Kafka at "
                + "localhost:" + port + " within 2 s (trying to list topics): expected a running broker there. Start "
                + "one with './rill kafka', or pass --bootstrap-server HOST:PORT (and --command-config FILE for "
                + "security settings)");
    }

    @Test
    void produceAndConsumeThatCannotReachKafkaSaySoInOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThat(run("consume", "t", "--bootstrap-server", "localhost:" + port, "--timeout", "1")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("rill consume: no answer from Kafka at localhost:" + port
                + " within 1 s (trying to read topic 't'): expected a running broker there. Start one with "
                + "'./rill kafka', or pass --bootstrap-server HOST:PORT (and --command-config FILE for security settings)");

        err.getBuffer().setLength(0);
        assertThat(run("produce", "t", "--bootstrap-server", "localhost:" + port, "--timeout", "1", "--file",
                "pom.xml")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("rill produce: no answer from Kafka at localhost:" + port
                + " within 1 s (trying to send to topic 't')");
    }

    @Test
    void consumeRejectsConflictingStartOptionsAndUnknownFormatFields() {
        assertThat(run("consume", "t", "--from-beginning", "--offset", "3")).isEqualTo(2);
        assertThat(err.toString()).startsWith("rill consume: --from-beginning, --offset and --timestamp each say "
                + "where to start: give at most one");

        err.getBuffer().setLength(0);
        assertThat(run("consume", "t", "--format", "%k %x")).isEqualTo(2);
        assertThat(err.toString()).startsWith("rill consume: --format has an unknown field '%x' in '%k %x'");

        err.getBuffer().setLength(0);
        assertThat(run("consume", "t", "--group", "g", "--partition", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("with --group the group's committed offsets say where to start");

        err.getBuffer().setLength(0);
        assertThat(run("consume", "t", "--timestamp", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--timestamp expects epoch milliseconds or an ISO-8601 date-time",
                "but was 'yesterday'");
    }

    @Test
    void produceNamesAMissingInputFile() {
        assertThat(run("produce", "t", "--file", "no-such-input.txt")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("rill produce: cannot read --file ")
                .endsWith("no-such-input.txt: expected a readable file of lines to send; check the path");
    }
}
