package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker's logging goes to a file in the data dir, never to the console. */
class LogFilesTest {
    @TempDir
    Path dataDir;

    @AfterEach
    void restoreTheConsoleConfiguration() {
        LoggerContext.getContext(false).reconfigure();
    }

    private static Logger logger(String name) {
        return (Logger) LogManager.getLogger(name);
    }

    @Test
    void shouldWriteTheBrokersSlowControllerErrorsToKafkaLogOnly() throws Exception {
        Path file = LogFiles.brokerLogsTo(dataDir.resolve("logs"));
        assertThat(file).isEqualTo(dataDir.resolve("logs/kafka.log").toAbsolutePath());
        Logger controller = logger("org.apache.kafka.controller.QuorumController");
        controller.error("Exceptionally slow controller event writeNoOpRecord took 2301 ms.");
        logger("kafka.server.BrokerServer").info("broker started");
        assertThat(controller.getAppenders()).containsOnlyKeys("rill-kafka-file");
        assertThat(logger("dev.rill.connect.StandaloneWorker").getAppenders()).doesNotContainKey("rill-kafka-file");
        assertThat(Files.readString(file)).contains("ERROR [main] org.apache.kafka.controller.QuorumController -"
                + " Exceptionally slow controller event", "INFO  [main] kafka.server.BrokerServer - broker started");
    }

    @Test
    void shouldWriteEverythingElseToRillLogInTheDemo() throws Exception {
        Path file = LogFiles.allLogsTo(dataDir.resolve("logs"));
        assertThat(file).isEqualTo(dataDir.resolve("logs/rill.log").toAbsolutePath());
        logger("dev.rill.connect.internal.runtime.WorkerSinkTask").error("Task failed", new IllegalStateException("x"));
        logger("org.apache.kafka.raft.KafkaRaftClient").warn("raft says hello");
        assertThat(LoggerContext.getContext(false).getConfiguration().getRootLogger().getAppenders())
                .as("no console").containsOnlyKeys("rill-file");
        assertThat(Files.readString(file)).contains("Task failed", "java.lang.IllegalStateException: x")
                .doesNotContain("raft says hello");
        assertThat(Files.readString(dataDir.resolve("logs/kafka.log"))).contains("raft says hello");
    }
}
