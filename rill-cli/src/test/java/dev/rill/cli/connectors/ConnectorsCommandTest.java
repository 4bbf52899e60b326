package dev.rill.cli.connectors;

import dev.rill.cli.rest.ConfigChanges;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.rill.cli.connectors.CliRun.connectors;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@code rill connectors} says before, or without, reaching a worker. */
class ConnectorsCommandTest {

    @TempDir
    Path dir;

    @Test
    void rillHelpListsTheConnectorsCommand() {
        CliRun run = CliRun.rill("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("connectors\\s+Manages connectors on a Kafka Connect worker");
    }

    @Test
    void connectorsWithoutACommandPrintsItsUsage() {
        CliRun run = connectors(null);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: rill connectors");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun run = connectors(null, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("list", "describe", "status", "apply", "pause", "resume", "stop", "restart",
                "delete", "offsets", "plugins", "validate", "Exit codes:", "RILL_CONNECT_URL", "Examples:");
    }

    @Test
    void everyCommandHasHelpWithExamplesAndTheUrlDefault() {
        for (String command : List.of("list", "describe", "status", "apply", "pause", "resume", "stop", "restart",
                "delete", "offsets", "plugins", "validate")) {
            CliRun run = connectors(null, command, "--help");

            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: rill connectors " + command, "Examples:",
                    "rill connectors " + command).containsIgnoringWhitespaces("(default: http://localhost:8083");
        }
    }

    @Test
    void anUnreachableWorkerIsOneLineNamingTheUrlAndWhatToDo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://localhost:" + closedPort;

        CliRun run = connectors(url, "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n")
                .startsWith("rill connectors list: cannot reach a Kafka Connect worker at " + url)
                .contains("--url", "RILL_CONNECT_URL", "rill connect standalone");
    }

    @Test
    void theWorkerUrlComesFromRillConnectUrlWhenNoUrlIsGiven() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        ProcessBuilder rill = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.rill.cli.Main", "connectors", "plugins")
                .redirectErrorStream(true);
        rill.environment().put("RILL_CONNECT_URL", url);

        Process process = rill.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("rill connectors plugins: cannot reach a Kafka Connect worker at " + url + " ");
    }

    @Test
    void aMalformedUrlIsAUsageError() {
        CliRun run = connectors("ftp://x", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected a worker's REST URL such as http://localhost:8083", "'ftp://x'");
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        CliRun run = connectors(null, "list", "-o", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected 'table' or 'json', found 'yaml'");
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        CliRun run = connectors(null, "describe");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'NAME'");
    }

    @Test
    void applyNamesAFileWithoutAConnectorNameBeforeCallingTheWorker() throws IOException {
        Path file = Files.writeString(dir.resolve("nameless.properties"), "connector.class=FileStreamSource\n");

        CliRun run = connectors("http://localhost:1", "apply", "-f", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("rill connectors apply: " + file
                + " does not name the connector: add name=… (properties) or \"name\": \"…\" (JSON)");
    }

    @Test
    void applyNamesAMissingFile() {
        CliRun run = connectors("http://localhost:1", "apply", "-f", dir.resolve("nope.json").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot read " + dir.resolve("nope.json"), "check the path");
    }

    @Test
    void validateNeedsAConnectorClass() throws IOException {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"name\": \"x\", \"config\": {\"topics\": \"t\"}}");

        CliRun run = connectors("http://localhost:1", "validate", "-f", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(file + " has no connector.class", "rill connectors plugins");
    }

    @Test
    void restartOfOneTaskRejectsTheConnectorWideOptions() {
        CliRun run = connectors("http://localhost:1", "restart", "x", "--task", "0", "--failed");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--task restarts one task; leave out --include-tasks and --failed");
    }

    @Test
    void configFilesAreReadInTheirThreeForms() throws IOException {
        Path properties = Files.writeString(dir.resolve("a.properties"), "name=a\nconnector.class=X\ntasks.max=2\n");
        Path wrapped = Files.writeString(dir.resolve("b.json"),
                "{\"name\": \"a\", \"config\": {\"connector.class\": \"X\", \"tasks.max\": 2}}");
        Path flat = Files.writeString(dir.resolve("c.txt"),
                "{\"name\": \"a\", \"connector.class\": \"X\", \"tasks.max\": \"2\"}");
        Map<String, String> expected = Map.of("name", "a", "connector.class", "X", "tasks.max", "2");

        for (Path file : List.of(properties, wrapped, flat)) {
            ConnectorConfigFile config = ConnectorConfigFile.read(file.toString(), System.in);
            assertThat(config.config()).as(file.toString()).isEqualTo(expected);
            assertThat(config.name()).isEqualTo("a");
        }
    }

    @Test
    void aDashReadsStandardInputInEitherForm() {
        for (String text : List.of("name=a\nconnector.class=X\n", "{\"name\": \"a\", \"connector.class\": \"X\"}")) {
            ConnectorConfigFile config = ConnectorConfigFile.read("-",
                    new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(config.config()).as(text).isEqualTo(Map.of("name", "a", "connector.class", "X"));
        }
    }

    @Test
    void aJsonFileThatNamesTheConnectorTwiceDifferentlyIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("twice.json"),
                "{\"name\": \"a\", \"config\": {\"name\": \"b\", \"connector.class\": \"X\"}}");

        CliRun run = connectors("http://localhost:1", "apply", "-f", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("names the connector twice, \"a\" and \"b\"");
    }

    @Test
    void changedKeysListAddedRemovedAndChangedKeys() {
        assertThat(ConfigChanges.changedKeys(Map.of("name", "a", "x", "1", "gone", "g"),
                Map.of("name", "a", "x", "2", "new", "n"))).containsExactly("gone", "new", "x");
        assertThat(ConfigChanges.changedKeys(Map.of("name", "a", "x", "1"), Map.of("name", "a", "x", "1")))
                .isEmpty();
    }
}
