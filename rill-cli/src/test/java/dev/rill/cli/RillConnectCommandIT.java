package dev.rill.cli;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rill connect standalone} as a user runs it: its own JVM, stopped with SIGTERM. */
class RillConnectCommandIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @Test
    void saysItStoppedOnSigterm(@TempDir Path dir) throws Exception {
        Path worker = Files.write(dir.resolve("worker.properties"), List.of(
                "bootstrap.servers=" + KAFKA.bootstrapServers(),
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename=" + dir.resolve("connect.offsets"),
                "listeners=http://localhost:0"), StandardCharsets.UTF_8);

        try (ForkedCli connect = ForkedCli.start("connect", "standalone", worker.toString())) {
            assertThat(connect.awaitLine("Rill Connect standalone worker running; REST API at")).isTrue();
            assertThat(connect.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(connect.awaitLine("Rill Connect worker stopped; source offsets saved "
                    + "(offset.storage.file.filename of " + worker + ")")).isTrue();
        }
    }

    @Test
    void distributedWorkerJoinsItsGroupAndSaysItLeftOnSigterm(@TempDir Path dir) throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        Path worker = Files.write(dir.resolve("distributed.properties"), List.of(
                "bootstrap.servers=" + KAFKA.bootstrapServers(),
                "group.id=cli-" + suffix,
                "config.storage.topic=cli-configs-" + suffix,
                "offset.storage.topic=cli-offsets-" + suffix,
                "status.storage.topic=cli-status-" + suffix,
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "listeners=http://localhost:0"), StandardCharsets.UTF_8);

        try (ForkedCli connect = ForkedCli.start("connect", "distributed", worker.toString())) {
            assertThat(connect.awaitLine("Rill Connect distributed worker running; REST API at")).isTrue();
            assertThat(connect.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(connect.awaitLine("Rill Connect worker stopped; it left its group")).isTrue();
        }
        assertThat(KAFKA.cluster().admin().listTopics().names().get()).contains("cli-configs-" + suffix,
                "cli-offsets-" + suffix, "cli-status-" + suffix);
    }
}
