package dev.rill.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MirrorConnectorSync} against a small HTTP server that keeps connector configs as a Connect worker does and
 * answers 409 for as many calls as told, as a worker whose group is rebalancing.
 */
class MirrorConnectorSyncTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final Map<String, Map<String, Object>> configs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger rebalancingFor = new AtomicInteger();
    private final AtomicInteger htmlUnavailableFor = new AtomicInteger();
    private volatile int refuseWith;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/connectors", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void createsThenLeavesAnEqualConfigAloneThenUpdatesAndDeletesWhatTheFileNoLongerHas() throws Exception {
        MirrorConnectorSync sync = new MirrorConnectorSync(url());
        MirrorPlan.Flow flow = flow(Map.of("name", "mirror-source-A-to-B", "tasks.max", "2"),
                Map.of("name", "mirror-checkpoint-A-to-B", "tasks.max", "1"));

        assertThat(sync.apply("B", List.of(flow), Duration.ofSeconds(10))).containsExactly(
                Map.entry("mirror-source-A-to-B", MirrorConnectorSync.Result.CREATED),
                Map.entry("mirror-checkpoint-A-to-B", MirrorConnectorSync.Result.CREATED));
        // the worker answers numbers as JSON numbers or strings alike; equal text is an equal config
        configs.get("mirror-source-A-to-B").put("tasks.max", 2);
        calls.clear();
        assertThat(sync.apply("B", List.of(flow), Duration.ofSeconds(10))).containsOnly(
                Map.entry("mirror-source-A-to-B", MirrorConnectorSync.Result.UNCHANGED),
                Map.entry("mirror-checkpoint-A-to-B", MirrorConnectorSync.Result.UNCHANGED));
        assertThat(calls).noneMatch(call -> call.startsWith("PUT") || call.startsWith("DELETE"));

        configs.put("mirror-source-C-to-B", new LinkedHashMap<>(Map.of("name", "mirror-source-C-to-B")));
        configs.put("mirror-source-B-to-C", new LinkedHashMap<>(Map.of("name", "mirror-source-B-to-C")));
        configs.put("users-own", new LinkedHashMap<>(Map.of("name", "users-own")));
        MirrorPlan.Flow changed = flow(Map.of("name", "mirror-source-A-to-B", "tasks.max", "4"),
                Map.of("name", "mirror-checkpoint-A-to-B", "tasks.max", "1"));
        assertThat(sync.apply("B", List.of(changed), Duration.ofSeconds(10))).containsOnly(
                Map.entry("mirror-source-A-to-B", MirrorConnectorSync.Result.UPDATED),
                Map.entry("mirror-checkpoint-A-to-B", MirrorConnectorSync.Result.UNCHANGED),
                Map.entry("mirror-source-C-to-B", MirrorConnectorSync.Result.DELETED));
        assertThat(configs).containsOnlyKeys("mirror-source-A-to-B", "mirror-checkpoint-A-to-B",
                "mirror-source-B-to-C", "users-own");
    }

    @Test
    void asksAgainWhileTheGroupRebalancesWithGrowingPauses() throws Exception {
        rebalancingFor.set(4);
        long start = System.nanoTime();
        Map<String, MirrorConnectorSync.Result> results = new MirrorConnectorSync(url()).apply("B",
                List.of(flow(Map.of("name", "mirror-source-A-to-B"))), Duration.ofSeconds(30));
        assertThat(results).containsExactly(Map.entry("mirror-source-A-to-B", MirrorConnectorSync.Result.CREATED));
        assertThat(calls.stream().filter(call -> call.endsWith("409")).count()).isEqualTo(4);
        // pauses of 100, 200, 400 and 800 ms between the five tries
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void anErrorPageThatIsNotJsonWithA503IsAskedAgainToo() throws Exception {
        htmlUnavailableFor.set(2);
        assertThat(new MirrorConnectorSync(url()).apply("B", List.of(flow(Map.of("name", "mirror-source-A-to-B"))),
                Duration.ofSeconds(30))).containsExactly(Map.entry("mirror-source-A-to-B",
                MirrorConnectorSync.Result.CREATED));
        assertThat(calls.stream().filter(call -> call.endsWith("503")).count()).isEqualTo(2);
    }

    @Test
    void givesUpAtTheDeadlineNamingTheLastAnswers() {
        rebalancingFor.set(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new MirrorConnectorSync(url()).apply("B",
                List.of(flow(Map.of("name", "mirror-source-A-to-B"))), Duration.ofMillis(500)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not accept the flows' connectors in time")
                .hasMessageContaining("409: rebalance in progress");
    }

    @Test
    void aRefusalThatIsNotTemporaryFailsAtOnceWithTheWorkersMessage() {
        refuseWith = 400;
        long start = System.nanoTime();
        assertThatThrownBy(() -> new MirrorConnectorSync(url()).apply("B",
                List.of(flow(Map.of("name", "mirror-source-A-to-B"))), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused PUT /connectors/mirror-source-A-to-B/config with 400")
                .hasMessageContaining("bad config");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @SafeVarargs
    private static MirrorPlan.Flow flow(Map<String, String>... connectors) {
        return new MirrorPlan.Flow("A", "B", List.of(connectors));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/"); // "", "connectors", name, "config"
        int status;
        Object body;
        if (htmlUnavailableFor.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            calls.add(method + " " + path + " 503");
            byte[] page = "<html><body><h2>HTTP ERROR 503 Service Unavailable</h2></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(503, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
            return;
        }
        if (rebalancingFor.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            status = 409;
            body = Map.of("error_code", 409, "message", "rebalance in progress");
        } else if (parts.length == 2 && method.equals("GET")) {
            status = 200;
            body = new ArrayList<>(configs.keySet());
        } else if (parts.length == 4 && method.equals("GET")) {
            Map<String, Object> config = configs.get(parts[2]);
            status = config == null ? 404 : 200;
            body = config == null ? Map.of("error_code", 404, "message", "Connector " + parts[2] + " not found")
                    : config;
        } else if (parts.length == 4 && method.equals("PUT") && refuseWith != 0) {
            status = refuseWith;
            body = Map.of("error_code", refuseWith, "message", "bad config");
        } else if (parts.length == 4 && method.equals("PUT")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = JSON.readValue(exchange.getRequestBody(), LinkedHashMap.class);
            status = configs.put(parts[2], config) == null ? 201 : 200;
            body = Map.of("name", parts[2], "config", config, "tasks", List.of());
        } else if (parts.length == 3 && method.equals("DELETE")) {
            status = configs.remove(parts[2]) == null ? 404 : 204;
            body = null;
        } else {
            status = 405;
            body = Map.of("error_code", 405, "message", method + " " + path);
        }
        calls.add(method + " " + path + " " + status);
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
