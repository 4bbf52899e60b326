package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.produce;
import static dev.rill.connect.testing.ConnectTesting.workerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.Rest;
import dev.rill.connect.testing.Rest.Response;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/** Contract tests: every endpoint of the Kafka Connect REST API, its status codes and body shapes. */
@SuppressWarnings("unchecked")
class RestApiIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    static Path dir;
    static StandaloneWorker worker;
    static Rest rest;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("secrets.properties"), "out.file=" + dir.resolve("from-provider.txt") + "\n");
        Map<String, String> props = workerProps(KAFKA.bootstrapServers(), dir);
        props.put("config.providers", "file,env");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        props.put("config.providers.file.param.allowed.paths", dir.toString());
        props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        worker = StandaloneWorker.start(props, List.of());
        rest = new Rest(worker.restUrl());
    }

    @AfterAll
    static void stop() {
        worker.close();
    }

    private static Map<String, Object> fileSink(String name, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        config.put("topics", topic);
        config.put("file", dir.resolve(name + ".txt").toString());
        return config;
    }

    private static Response create(String name, Map<String, Object> config) {
        Response r = rest.post("/connectors", Map.of("name", name, "config", config));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(rest.connectorState(name))
                && !rest.taskStates(name).isEmpty() && rest.taskStates(name).stream().allMatch("RUNNING"::equals));
        return r;
    }

    private static void assertError(Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.map()).containsEntry("error_code", status).containsKey("message");
        assertThat((String) r.map().get("message")).isNotBlank();
    }

    @Test
    void rootAndHealthDescribeTheWorker() {
        Response root = rest.get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.map()).containsOnlyKeys("version", "commit", "kafka_cluster_id")
                .containsEntry("kafka_cluster_id", KAFKA.cluster().clusterId());
        Response health = rest.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.map()).containsEntry("status", "healthy").containsKey("message");
    }

    @Test
    void createGetListAndDeleteAConnector() {
        String topic = KAFKA.cluster().newTopic("crud", 1);
        Response created = create("crud", fileSink("crud", topic));
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/connectors/crud"));
        assertThat(created.map()).containsOnlyKeys("name", "config", "tasks", "type").containsEntry("name", "crud")
                .containsEntry("type", "sink");
        assertThat((Map<String, Object>) created.map().get("config")).containsEntry("name", "crud")
                .containsEntry("topics", topic);

        assertError(rest.post("/connectors", Map.of("name", "crud", "config", fileSink("crud", topic))), 409);
        assertThat(rest.get("/connectors").list()).contains("crud");

        Response info = rest.get("/connectors/crud");
        assertThat(info.status()).isEqualTo(200);
        assertThat((List<Object>) info.map().get("tasks")).containsExactly(Map.of("connector", "crud", "task", 0));

        Map<String, Object> expanded = rest.get("/connectors?expand=status&expand=info").map();
        Map<String, Object> entry = (Map<String, Object>) expanded.get("crud");
        assertThat(entry).containsOnlyKeys("status", "info");
        assertThat((Map<String, Object>) entry.get("status")).containsKeys("name", "connector", "tasks", "type");
        assertThat((Map<String, Object>) entry.get("info")).containsKeys("name", "config", "tasks", "type");

        assertThat(rest.delete("/connectors/crud").status()).isEqualTo(204);
        assertError(rest.get("/connectors/crud"), 404);
        assertError(rest.get("/connectors/crud/status"), 404);
        assertError(rest.delete("/connectors/crud"), 404);
        assertThat(rest.get("/connectors").list()).doesNotContain("crud");
    }

    @Test
    void badRequestsGet400WithTheErrorShape() {
        assertError(rest.post("/connectors", Map.of("name", "no-config")), 400);
        assertError(rest.post("/connectors", "{not json"), 400);
        Map<String, Object> unknown = new HashMap<>(Map.of("connector.class", "com.example.NoSuchConnector"));
        assertError(rest.post("/connectors", Map.of("name", "unknown", "config", unknown)), 400);
        Map<String, Object> noTopics = new HashMap<>(Map.of("connector.class", "FileStreamSink", "file", "/tmp/x"));
        Response invalid = rest.post("/connectors", Map.of("name", "no-topics", "config", noTopics));
        assertError(invalid, 400);
        assertThat((String) invalid.map().get("message")).contains("topics");
        assertError(rest.put("/connectors/a/config", Map.of("name", "b", "connector.class", "FileStreamSink")), 400);
        assertError(rest.post("/connectors", Map.of("name", "x", "config", fileSink("x", "t"),
                "initial_state", "SLEEPING")), 400);
        assertError(rest.get("/no/such/path"), 404);
        assertError(rest.delete("/connector-plugins"), 405);
        assertError(rest.get("/connectors/missing/tasks"), 404);
        assertError(rest.put("/connectors/missing/pause", null), 404);
        assertError(rest.post("/connectors/missing/restart", null), 404);
        Response internal = rest.post("/connectors/missing/tasks", List.of(Map.of("k", "v")));
        assertError(internal, 404);
        assertThat((String) internal.map().get("message")).contains("internal endpoint of distributed workers");
    }

    @Test
    void putCreatesThenUpdatesAndPatchMergesConfig() {
        String topic = KAFKA.cluster().newTopic("put", 1);
        Map<String, Object> config = fileSink("put", topic);
        Response first = rest.put("/connectors/put/config", config);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.headers().firstValue("Location")).isPresent();
        config.put("tasks.max", "1");
        config.put("batch.size", "10");
        Response second = rest.put("/connectors/put/config", config);
        assertThat(second.status()).isEqualTo(200);
        assertThat((Map<String, Object>) second.map().get("config")).containsEntry("tasks.max", "1");

        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("batch.size", null);
        patch.put("errors.log.enable", "true");
        Response patched = rest.patch("/connectors/put/config", patch);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        Map<String, Object> now = rest.get("/connectors/put/config").map();
        assertThat(now).doesNotContainKey("batch.size").containsEntry("errors.log.enable", "true")
                .containsEntry("name", "put");
        assertError(rest.patch("/connectors/nope/config", patch), 404);
    }

    @Test
    void statusAndTasksHaveKafkaConnectShapes() {
        String topic = KAFKA.cluster().newTopic("status", 1);
        create("status", fileSink("status", topic));
        Map<String, Object> status = rest.get("/connectors/status/status").map();
        assertThat(status).containsOnlyKeys("name", "connector", "tasks", "type").containsEntry("type", "sink");
        assertThat((Map<String, Object>) status.get("connector")).containsOnlyKeys("state", "worker_id", "version")
                .containsEntry("state", "RUNNING").containsEntry("version", "4.3.1");
        Map<String, Object> task = ((List<Map<String, Object>>) status.get("tasks")).get(0);
        assertThat(task).containsOnlyKeys("id", "state", "worker_id", "version").containsEntry("id", 0)
                .containsEntry("version", "4.3.1");
        assertThat((String) task.get("worker_id")).matches(".+:\\d+");

        List<Object> tasks = rest.get("/connectors/status/tasks").list();
        Map<String, Object> t0 = (Map<String, Object>) tasks.get(0);
        assertThat(t0.get("id")).isEqualTo(Map.of("connector", "status", "task", 0));
        assertThat((Map<String, Object>) t0.get("config")).containsEntry("topics", topic)
                .containsEntry("task.class", "org.apache.kafka.connect.file.FileStreamSinkTask");

        Response t = rest.get("/connectors/status/tasks/0/status");
        assertThat(t.status()).isEqualTo(200);
        assertThat(t.map()).containsEntry("id", 0).containsEntry("state", "RUNNING");
        assertError(rest.get("/connectors/status/tasks/5/status"), 404);
        assertThat(rest.post("/connectors/status/tasks/0/restart", null).status()).isEqualTo(204);
        assertError(rest.post("/connectors/status/tasks/9/restart", null), 404);
        await().atMost(Duration.ofSeconds(30)).until(() -> rest.taskStates("status").equals(List.of("RUNNING")));
    }

    @Test
    void pauseResumeStopAndRestart() {
        String topic = KAFKA.cluster().newTopic("lifecycle", 1);
        create("life", fileSink("life", topic));

        assertThat(rest.put("/connectors/life/pause", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAUSED".equals(rest.connectorState("life"))
                && rest.taskStates("life").equals(List.of("PAUSED")));
        assertThat(rest.put("/connectors/life/resume", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(rest.connectorState("life"))
                && rest.taskStates("life").equals(List.of("RUNNING")));

        assertThat(rest.post("/connectors/life/restart", null).status()).isEqualTo(204);
        Response withTasks = rest.post("/connectors/life/restart?includeTasks=true", null);
        assertThat(withTasks.status()).isEqualTo(202);
        assertThat((Map<String, Object>) withTasks.map().get("connector")).containsEntry("state", "RESTARTING");
        assertThat(((List<Map<String, Object>>) withTasks.map().get("tasks")).get(0)).containsEntry("state",
                "RESTARTING");
        await().atMost(Duration.ofSeconds(30)).until(() -> rest.taskStates("life").equals(List.of("RUNNING")));
        Response onlyFailed = rest.post("/connectors/life/restart?includeTasks=true&onlyFailed=true", null);
        assertThat(onlyFailed.status()).isEqualTo(202);
        assertThat((Map<String, Object>) onlyFailed.map().get("connector")).containsEntry("state", "RUNNING");

        assertThat(rest.put("/connectors/life/stop", null).status()).isEqualTo(204);
        assertThat(rest.connectorState("life")).isEqualTo("STOPPED");
        assertThat(rest.taskStates("life")).isEmpty();
        assertThat((List<Object>) rest.get("/connectors/life").map().get("tasks")).isEmpty();
        assertThat(rest.put("/connectors/life/resume", null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(rest.connectorState("life"))
                && rest.taskStates("life").equals(List.of("RUNNING")));
    }

    @Test
    void createdPausedOrStoppedThroughInitialState() {
        String topic = KAFKA.cluster().newTopic("initial", 1);
        Response paused = rest.post("/connectors", Map.of("name", "born-paused", "config",
                fileSink("born-paused", topic), "initial_state", "PAUSED"));
        assertThat(paused.status()).isEqualTo(201);
        assertThat(rest.connectorState("born-paused")).isEqualTo("PAUSED");
        Response stopped = rest.post("/connectors", Map.of("name", "born-stopped", "config",
                fileSink("born-stopped", topic), "initial_state", "STOPPED"));
        assertThat(stopped.status()).isEqualTo(201);
        assertThat(rest.connectorState("born-stopped")).isEqualTo("STOPPED");
        assertThat(rest.taskStates("born-stopped")).isEmpty();
    }

    @Test
    void sinkOffsetsCanBeReadAlteredAndResetOnlyWhenStopped() {
        String topic = KAFKA.cluster().newTopic("offsets", 2);
        produce(KAFKA.bootstrapServers(), topic, List.of("a", "b", "c", "d", "e", "f"));
        create("offs", fileSink("offs", topic));
        await().atMost(Duration.ofSeconds(30)).until(() -> totalSinkOffset("offs") == 6);
        List<Map<String, Object>> offsets = (List<Map<String, Object>>) rest.get("/connectors/offs/offsets").map()
                .get("offsets");
        assertThat(offsets).allSatisfy(o -> {
            assertThat((Map<String, Object>) o.get("partition")).containsOnlyKeys("kafka_topic", "kafka_partition")
                    .containsEntry("kafka_topic", topic);
            assertThat((Map<String, Object>) o.get("offset")).containsOnlyKeys("kafka_offset");
        });

        Map<String, Object> body = Map.of("offsets", List.of(Map.of("partition",
                Map.of("kafka_topic", topic, "kafka_partition", 0), "offset", Map.of("kafka_offset", 0))));
        assertError(rest.patch("/connectors/offs/offsets", body), 400);
        assertError(rest.delete("/connectors/offs/offsets"), 400);

        assertThat(rest.put("/connectors/offs/stop", null).status()).isEqualTo(204);
        Response altered = rest.patch("/connectors/offs/offsets", body);
        assertThat(altered.status()).as(altered.toString()).isEqualTo(200);
        assertThat((String) altered.map().get("message")).contains("altered successfully");
        assertThat(sinkOffset("offs", 0)).isEqualTo(0L);

        Response reset = rest.delete("/connectors/offs/offsets");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat((String) reset.map().get("message")).contains("reset successfully");
        assertThat((List<Object>) rest.get("/connectors/offs/offsets").map().get("offsets")).isEmpty();
        assertError(rest.patch("/connectors/offs/offsets", Map.of("wrong", 1)), 400);
    }

    @Test
    void sourceOffsetsCanBeReadAlteredAndReset() throws Exception {
        Path in = dir.resolve("source-offsets.txt");
        Files.write(in, List.of("one", "two"));
        Map<String, Object> config = new HashMap<>();
        config.put("connector.class", "FileStreamSource");
        config.put("file", in.toString());
        config.put("topic", "source-offsets-" + System.nanoTime());
        create("src-offs", config);
        Map<String, Object> expectedPartition = Map.of("filename", in.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> o = (List<Map<String, Object>>) rest.get("/connectors/src-offs/offsets").map()
                    .get("offsets");
            return o.size() == 1 && o.get(0).get("partition").equals(expectedPartition)
                    && ((Number) ((Map<String, Object>) o.get(0).get("offset")).get("position")).longValue() == 8;
        });
        assertThat(rest.put("/connectors/src-offs/stop", null).status()).isEqualTo(204);
        Response altered = rest.patch("/connectors/src-offs/offsets", Map.of("offsets", List.of(
                Map.of("partition", expectedPartition, "offset", Map.of("position", 4)))));
        assertThat(altered.status()).as(altered.toString()).isEqualTo(200);
        List<Map<String, Object>> now = (List<Map<String, Object>>) rest.get("/connectors/src-offs/offsets").map()
                .get("offsets");
        assertThat(((Number) ((Map<String, Object>) now.get(0).get("offset")).get("position")).longValue()).isEqualTo(4);
        assertThat(rest.delete("/connectors/src-offs/offsets").status()).isEqualTo(200);
        assertThat((List<Object>) rest.get("/connectors/src-offs/offsets").map().get("offsets")).isEmpty();
    }

    @Test
    void activeTopicsAreListedAndReset() {
        String topic = KAFKA.cluster().newTopic("active", 1);
        create("active", fileSink("active", topic));
        await().atMost(Duration.ofSeconds(30)).until(() -> topics("active").contains(topic));
        assertThat(rest.put("/connectors/active/topics/reset", null).status()).isEqualTo(202);
        assertThat(topics("active")).isEmpty();
    }

    private static List<Object> topics(String name) {
        return (List<Object>) ((Map<String, Object>) rest.get("/connectors/" + name + "/topics").map().get(name))
                .get("topics");
    }

    @Test
    void pluginsAreListedWithTheirConfigDefinitions() {
        List<Map<String, Object>> connectors = (List<Map<String, Object>>) (List<?>) rest.get("/connector-plugins")
                .list();
        assertThat(connectors).allSatisfy(p -> assertThat(p.get("type")).isIn("source", "sink"));
        assertThat(connectors).anySatisfy(p -> assertThat(p).containsOnlyKeys("class", "type", "version"));
        List<Map<String, Object>> all = (List<Map<String, Object>>) (List<?>) rest
                .get("/connector-plugins?connectorsOnly=false").list();
        assertThat(all).extracting(p -> p.get("class")).contains(
                "org.apache.kafka.connect.json.JsonConverter",
                "org.apache.kafka.connect.transforms.InsertField$Value",
                "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
                "org.apache.kafka.common.config.provider.FileConfigProvider");
        assertThat(all).extracting(p -> p.get("type")).contains("converter", "header_converter", "transformation",
                "predicate", "configprovider");

        List<Map<String, Object>> defs = (List<Map<String, Object>>) (List<?>) rest
                .get("/connector-plugins/FileStreamSinkConnector/config").list();
        assertThat(defs).anySatisfy(d -> assertThat(d).containsEntry("name", "file").containsKeys("type",
                "required", "default_value", "importance", "documentation", "group", "width", "display_name",
                "dependents", "order_in_group"));
        assertError(rest.get("/connector-plugins/NoSuchPlugin/config"), 404);
    }

    @Test
    void validateReportsBothTopicKeysForASinkWithNeither() {
        Response r = rest.put("/connector-plugins/FileStreamSinkConnector/config/validate",
                Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector", "name", "v"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.map()).containsOnlyKeys("name", "error_count", "groups", "configs")
                .containsEntry("name", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        assertThat((Integer) r.map().get("error_count")).isGreaterThanOrEqualTo(2);
        List<Map<String, Object>> configs = (List<Map<String, Object>>) r.map().get("configs");
        assertThat(errorsOf(configs, "topics")).isNotEmpty();
        assertThat(errorsOf(configs, "topics.regex")).isNotEmpty();
        assertThat(errorsOf(configs, "name")).isEmpty();
        Map<String, Object> first = configs.get(0);
        assertThat(first).containsOnlyKeys("definition", "value");
        assertThat((Map<String, Object>) first.get("value")).containsOnlyKeys("name", "value", "recommended_values",
                "errors", "visible");

        Response ok = rest.put("/connector-plugins/FileStreamSinkConnector/config/validate",
                Map.of("connector.class", "FileStreamSink", "name", "v", "topics", "t"));
        assertThat(ok.map()).containsEntry("error_count", 0);
        Response mismatch = rest.put("/connector-plugins/FileStreamSinkConnector/config/validate",
                Map.of("connector.class", "FileStreamSource", "name", "v"));
        assertError(mismatch, 400);
    }

    private static List<Object> errorsOf(List<Map<String, Object>> configs, String key) {
        return configs.stream().map(c -> (Map<String, Object>) c.get("value")).filter(v -> key.equals(v.get("name")))
                .findFirst().map(v -> (List<Object>) v.get("errors")).orElseThrow();
    }

    @Test
    void passwordsAreHiddenAndProviderValuesAreNeverReturned() {
        String topic = KAFKA.cluster().newTopic("secrets", 1);
        Map<String, Object> recording = new HashMap<>(Map.of("connector.class", "RecordingSink", "topics", topic,
                "secret.token", "s3cr3t"));
        create("pw", recording);
        assertThat(rest.get("/connectors/pw/config").map()).containsEntry("secret.token", "[hidden]");
        assertThat(rest.get("/connectors/pw").body()).doesNotContain("s3cr3t");
        assertThat(rest.get("/connectors/pw/tasks").body()).doesNotContain("s3cr3t");

        String placeholder = "${file:" + dir.resolve("secrets.properties") + ":out.file}";
        Map<String, Object> sink = fileSink("provided", topic);
        sink.put("file", placeholder);
        create("provided", sink);
        produce(KAFKA.bootstrapServers(), topic, List.of("via-provider"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("from-provider.txt"))
                && Files.readAllLines(dir.resolve("from-provider.txt")).contains("via-provider"));
        assertThat(rest.get("/connectors/provided/config").map()).containsEntry("file", placeholder);
        Map<String, Object> taskConfig = (Map<String, Object>) ((Map<String, Object>) rest
                .get("/connectors/provided/tasks").list().get(0)).get("config");
        assertThat(taskConfig).containsEntry("file", placeholder);
    }

    @Test
    void loggerLevelsCanBeReadAndChanged() {
        Map<String, Object> all = rest.get("/admin/loggers").map();
        assertThat(all).containsKey("root");
        assertThat((Map<String, Object>) all.get("root")).containsKey("level");
        Response set = rest.put("/admin/loggers/dev.rill.connect.internal.plugins", Map.of("level", "DEBUG"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.list()).contains("dev.rill.connect.internal.plugins");
        assertThat(rest.get("/admin/loggers/dev.rill.connect.internal.plugins").map()).containsEntry("level", "DEBUG");
        assertThat(rest.put("/admin/loggers/dev.rill.connect.internal.plugins", Map.of("level", "INFO")).status())
                .isEqualTo(200);
        Response badLevel = rest.put("/admin/loggers/dev.rill", Map.of("level", "LOUD"));
        assertError(badLevel, 404); // as Apache Kafka Connect answers
        assertThat(badLevel.map().get("message").toString()).contains("Invalid log level 'LOUD'");
        assertThat(rest.get("/admin/loggers/dev.rill.connect.internal.plugins").map()).containsKey("last_modified");
        assertThat(rest.put("/admin/loggers/dev.rill.connect.internal.plugins?scope=cluster", Map.of("level", "INFO"))
                .status()).isEqualTo(204);
        assertError(rest.get("/admin/loggers/no.such.logger.anywhere"), 404);
    }

    private static long totalSinkOffset(String name) {
        List<Map<String, Object>> offsets = (List<Map<String, Object>>) rest.get("/connectors/" + name + "/offsets")
                .map().get("offsets");
        return offsets.stream().mapToLong(o -> ((Number) ((Map<String, Object>) o.get("offset")).get("kafka_offset"))
                .longValue()).sum();
    }

    private static Long sinkOffset(String name, int partition) {
        List<Map<String, Object>> offsets = (List<Map<String, Object>>) rest.get("/connectors/" + name + "/offsets")
                .map().get("offsets");
        return offsets.stream().filter(o -> ((Map<String, Object>) o.get("partition")).get("kafka_partition")
                        .equals(partition))
                .map(o -> ((Number) ((Map<String, Object>) o.get("offset")).get("kafka_offset")).longValue())
                .findFirst().orElse(null);
    }
}
