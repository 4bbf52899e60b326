package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.Materialized;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The interactive-query server's routes on one instance holding every partition: the index, the store list, paged
 * all-keys and range queries, and the errors a user meets with a wrong store, limit, range or path.
 */
class InteractiveQueryRoutesIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Pattern KEY = Pattern.compile("\"key\":\"(k\\d+)\",\"value\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RillStreams streams;
    private static String base;

    @BeforeAll
    static void startAppWith25CountedKeys() throws Exception {
        String in = KAFKA.cluster().newTopic("iq-routes-in", 2);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://localhost:" + port;
        Properties p = RillStreamsIT.props("iq-routes-" + System.nanoTime(), KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-iq-").toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count(Materialized.as("counts"));
        streams = new RillStreams(b.build(), p);
        streams.start();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new StringSerializer())) {
            for (int round = 0; round < 2; round++) {
                for (int k = 0; k < 25; k++) {
                    producer.send(new ProducerRecord<>(in, String.format("k%02d", k), "v"));
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> all = get("/stores/counts/all?limit=1000");
            return all.statusCode() == 200 && keys(all.body()).size() == 25
                    && all.body().split("\"value\":2").length == 26;
        });
    }

    @AfterAll
    static void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        return p;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> keys(String body) {
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(body);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static List<String> range(int fromInclusive, int toExclusive) {
        List<String> keys = new ArrayList<>();
        for (int k = fromInclusive; k < toExclusive; k++) {
            keys.add(String.format("k%02d", k));
        }
        return keys;
    }

    @Test
    void rootListsEveryRoute() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(index.body()).contains("\"route\":\"GET /\"", "\"route\":\"GET /stores\"",
                "\"route\":\"GET /stores/{store}/keys/{key}\"", "\"route\":\"GET /stores/{store}/all?limit=&from=\"",
                "\"route\":\"GET /stores/{store}/range?from=&to=&limit=\"", "\"host\":\"localhost:");
    }

    @Test
    void storesListsTheStoreWithThePartitionsThisInstanceHolds() throws Exception {
        HttpResponse<String> stores = get("/stores");
        assertThat(stores.statusCode()).isEqualTo(200);
        assertThat(stores.body()).contains("\"stores\":[{\"name\":\"counts\",\"hosts\":{\"localhost:")
                .contains(":[0,1]}", "\"all\":\"/stores/counts/all\"");
    }

    @Test
    void allPagesThroughEveryKeyInOrder() throws Exception {
        HttpResponse<String> first = get("/stores/counts/all?limit=10");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(keys(first.body())).containsExactlyElementsOf(range(0, 10));
        assertThat(first.body()).contains("\"count\":10", "\"limit\":10", "\"next_from\":\"k10\"", "\"from\":null",
                "\"other_hosts\":[]", "\"value\":2");
        HttpResponse<String> second = get("/stores/counts/all?limit=10&from=k10");
        assertThat(keys(second.body())).containsExactlyElementsOf(range(10, 20));
        assertThat(second.body()).contains("\"next_from\":\"k20\"");
        HttpResponse<String> last = get("/stores/counts/all?limit=10&from=k20");
        assertThat(keys(last.body())).containsExactlyElementsOf(range(20, 25));
        assertThat(last.body()).contains("\"count\":5", "\"next_from\":null");
        assertThat(keys(get("/stores/counts/all").body())).as("default limit 100").hasSize(25);
    }

    @Test
    void rangeReturnsTheKeysBetweenBothBoundsInclusiveAndPages() throws Exception {
        HttpResponse<String> r = get("/stores/counts/range?from=k05&to=k07");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(keys(r.body())).containsExactly("k05", "k06", "k07");
        assertThat(r.body()).contains("\"from\":\"k05\"", "\"to\":\"k07\"", "\"next_from\":null");
        HttpResponse<String> paged = get("/stores/counts/range?from=k05&to=k12&limit=3");
        assertThat(keys(paged.body())).containsExactly("k05", "k06", "k07");
        assertThat(paged.body()).contains("\"next_from\":\"k08\"");
        assertThat(keys(get("/stores/counts/range?to=k02").body())).containsExactly("k00", "k01", "k02");
        assertThat(keys(get("/stores/counts/range?from=k23").body())).containsExactly("k23", "k24");
    }

    @Test
    void mistakesAreAnsweredWithTheirCauseAndTheFix() throws Exception {
        HttpResponse<String> unknownStore = get("/stores/nope/all");
        assertThat(unknownStore.statusCode()).isEqualTo(404);
        assertThat(unknownStore.body()).isEqualTo("{\"error_code\":404,\"message\":\"No state store named 'nope';"
                + " the stores are [counts] (GET /stores)\"}");
        HttpResponse<String> badLimit = get("/stores/counts/all?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit must be a whole number from 1 to 10000, but was '0';"
                + " leave it out for 100");
        assertThat(get("/stores/counts/all?limit=ten").body()).contains("but was 'ten'");
        HttpResponse<String> backwards = get("/stores/counts/range?from=k09&to=k01");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("from='k09' comes after to='k01' in the store's key order, so the range"
                + " is empty; swap them");
        HttpResponse<String> unknownPath = get("/nope");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).contains("Unknown path /nope; the routes are: GET /, GET /stores,"
                + " GET /stores/{store}/keys/{key},", "(GET / describes them)");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/stores"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).contains("Only GET is supported, not POST; see GET /");
        HttpResponse<String> oneKey = get("/stores/counts/keys/k03");
        assertThat(oneKey.statusCode()).isEqualTo(200);
        assertThat(oneKey.body()).contains("\"key\":\"k03\"", "\"value\":2");
    }
}
