package dev.rill.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.internal.config.InvalidConfigException;

/**
 * A worker started with a broken config stops at once and says every problem together: classes that do not exist
 * beside invalid values, and a broker that does not answer within {@code rill.kafka.startup.timeout.ms}.
 */
class WorkerConfigCheckingTest {
    @TempDir
    Path dir;

    private Map<String, String> props() {
        Map<String, String> p = new HashMap<>();
        p.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        p.put("listeners", "http://localhost:0");
        return p;
    }

    @Test
    void missingConverterHeaderConverterAndProviderClassesAreListedWithTheOtherProblems() {
        Map<String, String> p = props();
        p.put("bootstrap.servers", "localhost:1");
        p.put("key.converter", "com.example.NoSuchKeyConverter");
        p.put("header.converter", "com.example.NoSuchHeaderConverter");
        p.put("config.providers", "vault,file");
        p.put("config.providers.vault.class", "com.example.NoSuchProvider");
        p.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        p.put("offset.flush.interval.ms", "soon");

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> StandaloneWorker.start(p, List.of()));

        assertThat(e.problems()).containsExactly(
                "offset.flush.interval.ms: expected a whole number, found 'soon'",
                "key.converter: Class com.example.NoSuchKeyConverter could not be found as a converter plugin; "
                        + "check the class name and that its jar is on plugin.path",
                "header.converter: Class com.example.NoSuchHeaderConverter could not be found as a header_converter "
                        + "plugin; check the class name and that its jar is on plugin.path",
                "config.providers.vault.class: Class com.example.NoSuchProvider could not be found as a "
                        + "configprovider plugin; check the class name and that its jar is on plugin.path");
        assertThat(e.getMessage()).startsWith("Worker configuration is invalid (4 problems):");
    }

    @Test
    void aBrokerThatDoesNotAnswerFailsWithinTheStartupTimeout() throws IOException {
        Map<String, String> p = props();
        String address = "localhost:" + freePort();
        p.put("bootstrap.servers", address);
        p.put("rill.kafka.startup.timeout.ms", "1500");

        ConnectException e = catchThrowableOfType(ConnectException.class, () -> StandaloneWorker.start(p, List.of()));

        assertThat(e.getMessage()).startsWith("Could not reach Kafka at bootstrap.servers=" + address + " within 1500 ms")
                .contains("check that the brokers are running and that bootstrap.servers is right")
                .contains("rill.kafka.startup.timeout.ms sets how long to wait");
    }

    @Test
    void aMissingBootstrapServersIsNamedWhenTheDefaultBrokerDoesNotAnswer() {
        assumeFalse(listening(9092), "a process listens on localhost:9092, the default this test needs silent");
        Map<String, String> p = props();
        p.put("rill.kafka.startup.timeout.ms", "1500");

        ConnectException e = catchThrowableOfType(ConnectException.class, () -> StandaloneWorker.start(p, List.of()));

        assertThat(e.getMessage()).startsWith("Could not reach Kafka at bootstrap.servers=localhost:9092 within 1500 ms")
                .contains("bootstrap.servers is not set in the worker config, so the default localhost:9092 was used: "
                        + "set bootstrap.servers to your Kafka brokers");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
