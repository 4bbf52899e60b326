package dev.rill.connect.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

class ApacheConnectWorkerIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    @Test
    void apacheWorkerAnswersItsVersionAndStopsOnClose() throws Exception {
        ApacheConnectWorker worker = ApacheConnectWorker.startStandalone(
                Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "plugin.path", dir.resolve("plugins").toString()),
                dir, List.of(), Duration.ofSeconds(90));
        try (worker) {
            HttpResponse<String> root = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(worker.restUrl().resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.body()).contains("\"version\":\"4.3.1\"");
            assertThat(ApacheConnectWorker.apacheClasspath()).doesNotContain("rill-connect/");
        }
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void aWorkerThatCannotStartFailsWithTheEndOfItsLog() {
        assertThatThrownBy(() -> ApacheConnectWorker.startStandalone(
                Map.of("bootstrap.servers", KAFKA.bootstrapServers(), "key.converter", "no.such.Converter"),
                dir, List.of(), Duration.ofSeconds(90)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("no.such.Converter");
    }
}
