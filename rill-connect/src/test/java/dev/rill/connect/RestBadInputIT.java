package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.workerProps;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.Rest;
import dev.rill.connect.testing.Rest.Response;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Bad input to the REST API is refused with a status and a message, and creates nothing: names a connector could
 * not be used under, bodies that are not UTF-8 JSON, bodies past the size limit.
 */
class RestBadInputIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;
    static StandaloneWorker worker;
    static Rest rest;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        worker = StandaloneWorker.start(workerProps(KAFKA.bootstrapServers(), dir), List.of());
        rest = new Rest(worker.restUrl());
    }

    @AfterAll
    static void stop() {
        worker.close();
    }

    private static Map<String, Object> sink(String name) {
        return Map.of("name", name, "initial_state", "STOPPED", "config", Map.of("connector.class",
                "FileStreamSink", "topics", "bad-input", "file", dir.resolve("out.txt").toString()));
    }

    private static void assertRefused(Response r, int status, String messagePart) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.map()).containsEntry("error_code", status);
        assertThat((String) r.map().get("message")).contains(messagePart);
        assertThat(rest.get("/connectors").list()).isEmpty();
    }

    @Test
    void aNameWithANewlineIsRefused() {
        assertRefused(rest.post("/connectors", sink("two\nlines")), 400,
                "Connector name contains the control character U+000A at position 3");
        assertRefused(rest.put("/connectors/" + URLEncoder.encode("tab\tname", StandardCharsets.UTF_8) + "/config",
                sink("x").get("config")), 400, "control character U+0009 at position 3");
    }

    @Test
    void aNameLongerThan1024BytesIsRefusedAtCreateAndOneOfExactly1024IsUsable() {
        assertRefused(rest.post("/connectors", sink("n".repeat(1025))), 400,
                "Connector name is 1025 bytes long in UTF-8; the limit is 1024 bytes");
        assertRefused(rest.post("/connectors", sink("é".repeat(600))), 400, "is 1200 bytes long");

        String longest = "n".repeat(1024);
        Response created = rest.post("/connectors", sink(longest));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/connectors/" + longest);
        assertThat(rest.get("/connectors/" + longest + "/status").status()).isEqualTo(200);
        assertThat(rest.delete("/connectors/" + longest).status()).isEqualTo(204);
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() throws Exception {
        byte[] json = "{\"name\":\"caf\u00e9\",\"config\":{\"connector.class\":\"FileStreamSink\",\"topics\":\"t\"}}"
                .getBytes(StandardCharsets.ISO_8859_1); // é as the single byte 0xE9: not UTF-8
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(worker.restUrl() + "connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(new Response(r.statusCode(), r.body(), r.headers()), 400,
                "The request body is not valid UTF-8 (first bad byte at offset 12)");
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeGets415AndCreatesNothing() throws Exception {
        String json = MAPPER.writeValueAsString(sink("plain"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(worker.restUrl() + "connectors"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertRefused(new Response(r.statusCode(), r.body(), r.headers()), 415,
                "Content-Type 'text/plain' is not supported: the body must be JSON sent with "
                        + "'Content-Type: application/json'");
    }

    @Test
    void aOneMegabyteConfigIsAcceptedAndABodyPastTheLimitGets413() {
        Map<String, Object> big = Map.of("name", "big", "initial_state", "STOPPED", "config", Map.of(
                "connector.class", "FileStreamSink", "topics", "bad-input", "file", dir.resolve("big.txt").toString(),
                "padding", "p".repeat(1024 * 1024)));
        Response created = rest.post("/connectors", big);
        assertThat(created.status()).as(created.status() + "").isEqualTo(201);
        assertThat(rest.get("/connectors/big/config").map().get("padding").toString()).hasSize(1024 * 1024);
        assertThat(rest.delete("/connectors/big").status()).isEqualTo(204);

        Map<String, Object> tooBig = Map.of("name", "too-big", "config", Map.of("connector.class",
                "FileStreamSink", "topics", "bad-input", "padding", "p".repeat(17 * 1024 * 1024)));
        assertRefused(rest.post("/connectors", tooBig), 413, "bytes; the limit is 16777216 bytes (16 MiB)");
    }
}
