package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.testPluginPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * The REST API of a two-worker cluster: every write works through either worker (the one that is not the leader
 * forwards it, status code, body and errors included) and every read on either worker shows its effect.
 */
class DistributedRestIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ConnectWorker first;
    private static ConnectWorker second;
    private static Rest one;
    private static Rest two;
    private static String topic;

    @BeforeAll
    static void startCluster() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("plugin.path", testPluginPath());
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("listeners", "http://localhost:0");
        p.put("group.id", "rest-" + suffix);
        p.put("config.storage.topic", "rest-configs-" + suffix);
        p.put("offset.storage.topic", "rest-offsets-" + suffix);
        p.put("status.storage.topic", "rest-status-" + suffix);
        p.put("config.storage.replication.factor", "-1");
        p.put("offset.storage.replication.factor", "-1");
        p.put("status.storage.replication.factor", "-1");
        first = ConnectWorker.builder().workerProperties(p).distributed().start();
        second = ConnectWorker.builder().workerProperties(p).distributed().start();
        one = new Rest(first.restUrl());
        two = new Rest(second.restUrl());
        topic = KAFKA.cluster().newTopic("rest-in", 2);
    }

    @AfterAll
    static void stopCluster() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static Rest.Response retryingConflicts(java.util.function.Supplier<Rest.Response> call) {
        // a write during a rebalance is answered 409 (as in Apache); a client retries
        Rest.Response[] last = new Rest.Response[1];
        await().atMost(TIMEOUT).until(() -> {
            last[0] = call.get();
            return last[0].status() != 409 || !last[0].body().contains("rebalance");
        });
        return last[0];
    }

    @Test
    void everyWriteWorksThroughEitherWorkerAndBothShowIt() {
        Map<String, Object> config = new HashMap<>(Map.of("connector.class", "RecordingSink", "topics", topic,
                "tasks.max", "1"));
        Rest.Response created = retryingConflicts(() -> two.post("/connectors", Map.of("name", "both", "config",
                config)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/connectors/both"));
        assertThat(created.map()).containsEntry("name", "both");
        assertThat(retryingConflicts(() -> one.post("/connectors", Map.of("name", "both", "config", config)))
                .status()).isEqualTo(409);

        await().atMost(TIMEOUT).until(() -> List.of(one, two).stream().allMatch(r ->
                r.taskStates("both").equals(List.of("RUNNING")) && "RUNNING".equals(r.connectorState("both"))));

        config.put("tasks.max", "2");
        assertThat(retryingConflicts(() -> one.put("/connectors/both/config", config)).status()).isEqualTo(200);
        await().atMost(TIMEOUT).until(() -> List.of(one, two).stream().allMatch(r ->
                r.taskStates("both").equals(List.of("RUNNING", "RUNNING"))));

        assertThat(retryingConflicts(() -> two.put("/connectors/both/pause", null)).status()).isEqualTo(202);
        await().atMost(TIMEOUT).until(() -> List.of(one, two).stream().allMatch(r ->
                "PAUSED".equals(r.connectorState("both")) && r.taskStates("both").equals(List.of("PAUSED", "PAUSED"))));
        assertThat(retryingConflicts(() -> one.put("/connectors/both/resume", null)).status()).isEqualTo(202);
        await().atMost(TIMEOUT).until(() -> List.of(one, two).stream().allMatch(r ->
                r.taskStates("both").equals(List.of("RUNNING", "RUNNING"))));

        for (Rest r : List.of(one, two)) {
            assertThat(retryingConflicts(() -> r.post("/connectors/both/tasks/1/restart", null)).status())
                    .isEqualTo(204);
        }
        Rest.Response restarted = retryingConflicts(() -> two.post("/connectors/both/restart?includeTasks=true",
                null));
        assertThat(restarted.status()).isEqualTo(202);
        assertThat(restarted.body()).contains("RESTARTING");
        await().atMost(TIMEOUT).until(() -> List.of(one, two).stream().allMatch(r ->
                r.taskStates("both").equals(List.of("RUNNING", "RUNNING")) && "RUNNING".equals(r.connectorState("both"))));

        assertThat(retryingConflicts(() -> one.patch("/connectors/both/offsets", Map.of("offsets", List.of())))
                .status()).as("offsets of a running connector").isEqualTo(400);
        assertThat(retryingConflicts(() -> two.put("/connectors/both/stop", null)).status()).isEqualTo(204);
        await().atMost(TIMEOUT).until(() -> List.of(one, two).stream().allMatch(r ->
                "STOPPED".equals(r.connectorState("both")) && r.taskStates("both").isEmpty()));
        Rest.Response reset = retryingConflicts(() -> one.delete("/connectors/both/offsets"));
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);

        assertThat(retryingConflicts(() -> two.delete("/connectors/both")).status()).isEqualTo(204);
        await().atMost(TIMEOUT).until(() -> one.get("/connectors/both").status() == 404
                && two.get("/connectors/both").status() == 404);
    }

    @Test
    void anInvalidConfigSentToEitherWorkerIsRejectedWithTheLeadersMessage() {
        for (Rest r : List.of(one, two)) {
            Rest.Response refused = retryingConflicts(() -> r.post("/connectors", Map.of("name", "broken",
                    "config", Map.of("connector.class", "RecordingSink"))));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.map()).containsEntry("error_code", 400);
            assertThat((String) refused.map().get("message")).contains("topics");
        }
        assertThat(one.get("/connectors").list()).doesNotContain("broken");
    }
}
