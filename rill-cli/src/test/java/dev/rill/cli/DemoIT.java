package dev.rill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.cli.demo.Demo;
import dev.rill.cli.demo.DemoOptions;
import dev.rill.cli.demo.DemoRunner;
import dev.rill.kafka.embedded.LocalPorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drives the demo programmatically, as `rill demo` runs it, and checks every stage's outcome. */
class DemoIT {

    private static final int PAYMENTS = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void unknownPaymentsReachSqliteAndTheRestApiAndTheCountEndpointAnswer(@TempDir Path dataDir) throws Exception {
        String pluginPath = pluginDirectories();
        DemoOptions options = new DemoOptions(dataDir, LocalPorts.freePort(), LocalPorts.freePort(),
                LocalPorts.freePort(), 0, PAYMENTS, pluginPath);

        try (Demo demo = Demo.start(options)) {
            Map<String, Long> perKey = awaitAllPayments(demo.bootstrapServers());
            long unknown = perKey.getOrDefault("unknown", 0L);
            assertThat(unknown).as("unknown payments among %d", PAYMENTS).isBetween(1L, (long) PAYMENTS / 2);

            await().atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(demo.sinkTableRows()).isEqualTo(unknown));

            HttpResponse<String> connectors = get(demo.connectUrl() + "connectors");
            assertThat(connectors.statusCode()).isEqualTo(200);
            assertThat(connectors.body()).contains("\"payments-datagen\"", "\"unknown-payments-sink\"");

            await().atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(countsFromEndpoint(demo, perKey.keySet())).isEqualTo(perKey));

            liveViewShowsAConnectorAddedThroughRestAndItsFailedTaskInOneLine(demo);
        }
    }

    /** A sink added through REST whose database cannot be opened: its task fails, and the view says why. */
    private void liveViewShowsAConnectorAddedThroughRestAndItsFailedTaskInOneLine(Demo demo) throws Exception {
        String broken = "{\"name\":\"unknown-payments-broken\",\"config\":{\"connector.class\":\"RillJdbcSink\","
                + "\"topics\":\"unknown-payment\",\"connection.url\":\"jdbc:sqlite:/proc/no-such-dir/x.db\","
                + "\"connection.attempts\":\"1\",\"auto.create\":\"true\"}}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(demo.connectUrl() + "connectors"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(broken)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        StringWriter screen = new StringWriter();
        DemoRunner runner = new DemoRunner(demo, new PrintWriter(screen, true), false, "the logs");
        Thread view = new Thread(() -> {
            try {
                runner.runUntilStopped();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-live-view");
        view.start();
        try {
            await().atMost(2, TimeUnit.MINUTES).pollInterval(Duration.ofMillis(200))
                    .until(() -> screen.toString().contains("task 0 failed: "));
        } finally {
            runner.stop();
        }
        String shown = screen.toString();
        assertThat(shown).contains("payments-datagen", "unknown-payments-sink")
                .containsPattern("unknown-payments-broken +sink +RUNNING +task 0 FAILED")
                .containsPattern("      task 0 failed: \\S.*")
                .doesNotContain("\tat ", "Caused by");
        String causeLine = shown.lines().filter(l -> l.contains("task 0 failed: ")).findFirst().orElseThrow();
        assertThat(causeLine.length()).as(causeLine).isLessThanOrEqualTo(130);
    }

    private Map<String, Long> awaitAllPayments(String bootstrap) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-it-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Long> perKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("payment"));
            long[] seen = {0};
            await().atMost(2, TimeUnit.MINUTES).pollDelay(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    perKey.merge(r.key(), 1L, Long::sum);
                    seen[0]++;
                });
                return seen[0] >= PAYMENTS;
            });
            assertThat(seen[0]).isEqualTo(PAYMENTS);
        }
        return perKey;
    }

    /** Every key's count as the demo's interactive-query endpoint answers it. */
    private Map<String, Long> countsFromEndpoint(Demo demo, java.util.Set<String> keys) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (String key : keys) {
            HttpResponse<String> response = get(demo.queryUrl() + "stores/payment-counts/keys/" + key);
            assertThat(response.statusCode()).as("GET count of %s: %s", key, response.body()).isEqualTo(200);
            counts.put(key, JSON.readTree(response.body()).get("value").asLong());
        }
        return counts;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The built-in plugin directories, built by the reactor before this module (see rill-cli's pom). */
    private static String pluginDirectories() {
        Path home = Path.of("").toAbsolutePath().getParent();
        return List.of("rill-connect-datagen", "rill-connect-jdbc").stream()
                .map(module -> home.resolve(module).resolve("target/plugin").toString())
                .collect(Collectors.joining(","));
    }
}
