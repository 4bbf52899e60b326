package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /stores/{store}/keys/{key}/windows}: two instances split a window store's partitions, and either one
 * answers the windows of any key, asking the owner when it does not hold the key itself.
 */
class WindowQueryRouteIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<RillStreams> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(s -> s.close(Duration.ofSeconds(30)));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private RillStreams start(String app, String in, int port) throws Exception {
        Properties p = WindowStoreApp.props(KAFKA.bootstrapServers(), app,
                Files.createTempDirectory("rill-window-iq-").toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port);
        RillStreams s = new RillStreams(WindowStoreApp.topology(in, true), p);
        started.add(s);
        s.start();
        return s;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eitherInstanceAnswersTheWindowsOfEveryKey() throws Exception {
        String in = KAFKA.cluster().newTopic("window-iq-in", 2);
        String app = "window-iq-" + System.nanoTime();
        int portA = freePort();
        int portB = freePort();
        RillStreams a = start(app, in, portA);
        RillStreams b = start(app, in, portB);
        await().atMost(Duration.ofSeconds(60)).until(() -> a.state() == RillStreams.State.RUNNING
                && b.state() == RillStreams.State.RUNNING && a.metadataForAllStreamsClients().size() == 2);
        long base = 1_700_000_000_000L;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new StringSerializer())) {
            for (int k = 0; k < 10; k++) {
                producer.send(new ProducerRecord<>(in, null, base, "k" + k, "first" + k));
                producer.send(new ProducerRecord<>(in, null, base + 20_000, "k" + k, "second" + k));
            }
        }
        List<String> hosts = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            String key = "k" + k;
            String expected = "\"windows\":[{\"start\":" + base + ",\"value\":\"first" + k + "\"},{\"start\":"
                    + (base + 20_000) + ",\"value\":\"second" + k + "\"}]";
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    get(portA, "/stores/windows/keys/" + key + "/windows").body().contains(expected));
            String body = get(portB, "/stores/windows/keys/" + key + "/windows?from="
                    + Instant.ofEpochMilli(base) + "&to=" + base).body();
            assertThat(body).contains("\"key\":\"" + key + "\"", "\"windows\":[{\"start\":" + base
                    + ",\"value\":\"first" + k + "\"}]");
            hosts.add(body.replaceAll(".*\"host\":\"([^\"]+)\".*", "$1"));
        }
        assertThat(hosts).as("the answers came from both instances").contains("localhost:" + portA,
                "localhost:" + portB);

        HttpResponse<String> badTime = get(portA, "/stores/windows/keys/k1/windows?from=yesterday");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("from must be epoch milliseconds or an ISO-8601 instant",
                "but was 'yesterday'");
        HttpResponse<String> plainLookup = get(portA, "/stores/windows/keys/k1?forwarded=true");
        assertThat(plainLookup.statusCode()).isIn(400, 503);
        HttpResponse<String> paged = get(portA, "/stores/windows/all");
        assertThat(paged.statusCode()).isEqualTo(400);
        assertThat(paged.body()).contains("is a window or session store, which is not paged");
        assertThat(get(portA, "/").body()).contains("GET /stores/{store}/keys/{key}/windows?from=&to=");
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        return p;
    }
}
