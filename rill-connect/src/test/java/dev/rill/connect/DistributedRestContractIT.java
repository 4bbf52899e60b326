package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.testPluginPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.oracle.ApacheConnectWorker;
import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * The REST API in distributed mode, side by side: Apache Kafka Connect 4.3.1 distributed (child JVM) and a Rill
 * distributed worker, each in its own group on the same broker, get the same calls through a connector's life
 * (create, duplicate, reads, pause, resume, restarts, stop, offsets, delete, errors). Status codes and JSON shapes
 * (keys and value types) must be equal, and the connector's config too. Eventual states are awaited on both sides
 * before the call that reads them. The figures are printed.
 */
class DistributedRestContractIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<String> differences = new ArrayList<>();
    private int calls;

    private Map<String, String> props(String side) {
        String suffix = side + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("plugin.path", testPluginPath());
        p.put("plugin.discovery", "service_load");
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("group.id", "contract-" + suffix);
        p.put("config.storage.topic", "contract-configs-" + suffix);
        p.put("offset.storage.topic", "contract-offsets-" + suffix);
        p.put("status.storage.topic", "contract-status-" + suffix);
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        return p;
    }

    @Test
    void rillAnswersAsApacheDistributedThroughAConnectorsLife() throws Exception {
        String topic = KAFKA.cluster().newTopic("contract-in", 1);
        Map<String, String> rillProps = props("rill");
        rillProps.put("listeners", "http://localhost:0");
        try (ApacheConnectWorker apacheWorker = ApacheConnectWorker.startDistributed(props("apache"),
                dir.resolve("apache"), TIMEOUT);
             ConnectWorker rillWorker = ConnectWorker.builder().workerProperties(rillProps).distributed().start()) {
            Rest apache = new Rest(apacheWorker.restUrl().toString());
            Rest rill = new Rest(rillWorker.restUrl());
            List<Rest> both = List.of(apache, rill);

            compare("create", both, r -> retrying(() -> r.post("/connectors", Map.of("name", "life",
                    "config", sinkConfig(topic, r == apache ? "apache" : "rill")))));
            compare("create: duplicate", both, r -> r.post("/connectors", Map.of("name", "life",
                    "config", sinkConfig(topic, "x"))));
            compare("create: invalid config", both, r -> r.post("/connectors", Map.of("name", "bad",
                    "config", Map.of("connector.class", "FileStreamSink"))));
            compare("get: unknown", both, r -> r.get("/connectors/nope"));
            awaitBoth(both, r -> "RUNNING".equals(r.connectorState("life"))
                    && r.taskStates("life").equals(List.of("RUNNING")));

            compare("list", both, r -> r.get("/connectors"));
            compare("list: expanded", both, r -> r.get("/connectors?expand=status&expand=info"));
            compare("info", both, r -> r.get("/connectors/life"));
            compare("config", both, r -> r.get("/connectors/life/config"));
            compare("status", both, r -> r.get("/connectors/life/status"));
            compare("tasks", both, r -> r.get("/connectors/life/tasks"));
            compare("task status", both, r -> r.get("/connectors/life/tasks/0/status"));
            compare("task status: unknown task", both, r -> r.get("/connectors/life/tasks/7/status"));

            compare("pause", both, r -> r.put("/connectors/life/pause", null));
            awaitBoth(both, r -> "PAUSED".equals(r.connectorState("life"))
                    && r.taskStates("life").equals(List.of("PAUSED")));
            compare("status: paused", both, r -> r.get("/connectors/life/status"));
            compare("resume", both, r -> r.put("/connectors/life/resume", null));
            awaitBoth(both, r -> r.taskStates("life").equals(List.of("RUNNING")));
            compare("restart", both, r -> retrying(() -> r.post("/connectors/life/restart", null)));
            compare("task restart", both, r -> retrying(() -> r.post("/connectors/life/tasks/0/restart", null)));
            awaitBoth(both, r -> "RUNNING".equals(r.connectorState("life"))
                    && r.taskStates("life").equals(List.of("RUNNING")));
            compare("offsets: alter while running", both, r -> r.patch("/connectors/life/offsets",
                    Map.of("offsets", List.of())));

            compare("stop", both, r -> retrying(() -> r.put("/connectors/life/stop", null)));
            awaitBoth(both, r -> "STOPPED".equals(r.connectorState("life")) && r.taskStates("life").isEmpty());
            compare("status: stopped", both, r -> r.get("/connectors/life/status"));
            compare("offsets", both, r -> r.get("/connectors/life/offsets"));
            compare("offsets: reset", both, r -> retrying(() -> r.delete("/connectors/life/offsets")));
            compare("delete", both, r -> retrying(() -> r.delete("/connectors/life")));
            awaitBoth(both, r -> r.get("/connectors/life").status() == 404);
            compare("get: deleted", both, r -> r.get("/connectors/life"));
        }
        System.out.printf("DistributedRestContractIT: %d calls, %d identical in status and shape, %d different%n",
                calls, calls - differences.size(), differences.size());
        assertThat(differences).isEmpty();
    }

    private Map<String, Object> sinkConfig(String topic, String side) {
        return Map.of("connector.class", "FileStreamSink", "topics", topic, "tasks.max", "1",
                "file", dir.resolve("sink-" + side + ".txt").toString(),
                "consumer.override.group.id", "contract-sink-" + side);
    }

    /** Writes during a rebalance get 409 on both sides; a client retries them. */
    private static Rest.Response retrying(java.util.function.Supplier<Rest.Response> call) {
        Rest.Response[] last = new Rest.Response[1];
        await().atMost(TIMEOUT).until(() -> {
            last[0] = call.get();
            return last[0].status() != 409 || !last[0].body().contains("rebalance");
        });
        return last[0];
    }

    private static void awaitBoth(List<Rest> both, java.util.function.Predicate<Rest> state) {
        await().atMost(TIMEOUT).until(() -> both.stream().allMatch(state));
    }

    private void compare(String label, List<Rest> both, java.util.function.Function<Rest, Rest.Response> call)
            throws Exception {
        calls++;
        Rest.Response a = call.apply(both.get(0));
        Rest.Response r = call.apply(both.get(1));
        if (a.status() != r.status()) {
            differences.add(label + ": status " + a.status() + " (Apache) vs " + r.status() + " (Rill): " + r.body());
            return;
        }
        if (a.body() == null || a.body().isBlank() || r.body() == null || r.body().isBlank()) {
            if ((a.body() == null || a.body().isBlank()) != (r.body() == null || r.body().isBlank())) {
                differences.add(label + ": body '" + a.body() + "' (Apache) vs '" + r.body() + "' (Rill)");
            }
            return;
        }
        JsonNode ja = MAPPER.readTree(a.body());
        JsonNode jr = MAPPER.readTree(r.body());
        String shapeA = shape(ja);
        String shapeR = shape(jr);
        if (!shapeA.equals(shapeR)) {
            differences.add(label + ": shape " + shapeA + " (Apache) vs " + shapeR + " (Rill)");
        }
        if (label.equals("config")) {
            Map<String, Object> ca = MAPPER.convertValue(ja, Map.class);
            Map<String, Object> cr = MAPPER.convertValue(jr, Map.class);
            ca.remove("file");
            cr.remove("file");
            ca.remove("consumer.override.group.id");
            cr.remove("consumer.override.group.id");
            if (!ca.equals(cr)) {
                differences.add(label + ": " + ca + " (Apache) vs " + cr + " (Rill)");
            }
        }
    }

    /** Keys and value types, recursively; list elements by the first one (lists of one kind). */
    private static String shape(JsonNode n) {
        if (n.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            TreeSet<String> keys = new TreeSet<>();
            Iterator<String> it = n.fieldNames();
            it.forEachRemaining(keys::add);
            for (String k : keys) {
                // under a map keyed by connector names or config keys, values are shaped, keys kept
                sb.append(k).append(':').append(shape(n.get(k))).append(',');
            }
            return sb.append('}').toString();
        }
        if (n.isArray()) {
            return n.isEmpty() ? "[]" : "[" + shape(n.get(0)) + "]";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        return "null";
    }
}
