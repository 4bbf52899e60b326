package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.consume;
import static dev.rill.connect.testing.ConnectTesting.produce;
import static dev.rill.connect.testing.ConnectTesting.workerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.RecordingSinkConnector;
import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/** Poison records: fail the task (errors.tolerance=none) or go to the dead-letter topic (all). */
class ErrorHandlingIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;
    private StandaloneWorker worker;
    private Rest rest;

    @BeforeEach
    void startWorker() {
        worker = StandaloneWorker.start(workerProps(KAFKA.bootstrapServers(), dir), List.of());
        rest = new Rest(worker.restUrl());
    }

    @AfterEach
    void stopWorker() {
        worker.close();
    }

    private String topicWithOnePoisonRecordAmongTwenty() {
        String topic = KAFKA.cluster().newTopic("poison", 1);
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            values.add(i == 7 ? "{not json" : "{\"n\":" + i + "}");
        }
        produce(KAFKA.bootstrapServers(), topic, values);
        return topic;
    }

    private Map<String, Object> jsonFileSink(String topic, Path out) {
        Map<String, Object> config = new HashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        config.put("topics", topic);
        config.put("file", out.toString());
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    @Test
    @SuppressWarnings("unchecked")
    void poisonRecordFailsTheTaskWithItsTraceWhenToleranceIsNone() {
        String topic = topicWithOnePoisonRecordAmongTwenty();
        Map<String, Object> config = jsonFileSink(topic, dir.resolve("none.txt"));
        config.put("errors.tolerance", "none");
        assertThat(rest.post("/connectors", Map.of("name", "strict", "config", config)).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> rest.taskStates("strict").equals(List.of("FAILED")));
        Map<String, Object> task = rest.get("/connectors/strict/tasks/0/status").map();
        assertThat(task.get("state")).isEqualTo("FAILED");
        assertThat((String) task.get("trace")).contains("Tolerance exceeded in error handler")
                .contains("org.apache.kafka.connect.errors.DataException");
        Map<String, Object> status = rest.get("/connectors/strict/status").map();
        assertThat(((Map<String, Object>) status.get("connector")).get("state")).isEqualTo("RUNNING");
        assertThat((String) ((List<Map<String, Object>>) status.get("tasks")).get(0).get("trace"))
                .contains("Tolerance exceeded");
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicWithAllTenContextHeadersWhenToleranceIsAll() throws Exception {
        String topic = topicWithOnePoisonRecordAmongTwenty();
        String dlq = "dlq-" + topic;
        Path out = dir.resolve("all.txt");
        Map<String, Object> config = jsonFileSink(topic, out);
        config.put("errors.tolerance", "all");
        config.put("errors.log.enable", "true");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        assertThat(rest.post("/connectors", Map.of("name", "tolerant", "config", config)).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(out) && Files.readAllLines(out).size() == 19);
        List<ConsumerRecord<byte[], byte[]>> dead = consume(KAFKA.bootstrapServers(), dlq, 1);
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> r = dead.get(0);
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsKeys("__connect.errors.topic", "__connect.errors.partition",
                "__connect.errors.offset", "__connect.errors.connector.name", "__connect.errors.task.id",
                "__connect.errors.stage", "__connect.errors.class.name", "__connect.errors.exception.class.name",
                "__connect.errors.exception.message", "__connect.errors.exception.stacktrace");
        assertThat(headers.get("__connect.errors.topic")).isEqualTo(topic);
        assertThat(headers.get("__connect.errors.partition")).isEqualTo("0");
        assertThat(headers.get("__connect.errors.offset")).isEqualTo("6");
        assertThat(headers.get("__connect.errors.connector.name")).isEqualTo("tolerant");
        assertThat(headers.get("__connect.errors.task.id")).isEqualTo("0");
        assertThat(headers.get("__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
        assertThat(headers.get("__connect.errors.class.name")).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(headers.get("__connect.errors.exception.class.name"))
                .isEqualTo("org.apache.kafka.connect.errors.DataException");
        assertThat(headers.get("__connect.errors.exception.stacktrace")).contains("DataException");
        assertThat(Files.readAllLines(out)).doesNotContain("{n=7}").contains("{n=1}", "{n=20}");
        assertThat(rest.taskStates("tolerant")).containsExactly("RUNNING");
    }

    @Test
    void errantRecordReporterSendsTaskRejectedRecordsToTheDeadLetterTopic() {
        String topic = KAFKA.cluster().newTopic("errant", 1);
        produce(KAFKA.bootstrapServers(), topic, List.of("good-1", "bad-2", "good-3"));
        String dlq = "dlq-" + topic;
        Map<String, Object> config = new HashMap<>();
        config.put("connector.class", "RecordingSink");
        config.put("topics", topic);
        config.put("report.on", "bad");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        assertThat(rest.post("/connectors", Map.of("name", "errant", "config", config)).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> RecordingSinkConnector.received("errant").size() == 2);
        List<ConsumerRecord<byte[], byte[]>> dead = consume(KAFKA.bootstrapServers(), dlq, 1);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("bad-2");
        assertThat(new String(dead.get(0).headers().lastHeader("__connect.errors.stage").value(),
                StandardCharsets.UTF_8)).isEqualTo("TASK_PUT");
        assertThat(RecordingSinkConnector.received("errant")).containsExactly("good-1", "good-3");
    }

    @Test
    void exceptionFromPutFailsTheTaskAndRestartRecoversIt() {
        String topic = KAFKA.cluster().newTopic("put-fails", 1);
        produce(KAFKA.bootstrapServers(), topic, List.of("a", "boom", "c"));
        Map<String, Object> config = new HashMap<>();
        config.put("connector.class", "dev.rill.connect.testing.RecordingSinkConnector");
        config.put("topics", topic);
        config.put("fail.on", "boom");
        assertThat(rest.post("/connectors", Map.of("name", "fragile", "config", config)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> rest.taskStates("fragile").equals(List.of("FAILED")));
        assertThat((String) rest.get("/connectors/fragile/tasks/0/status").map().get("trace"))
                .contains("put() refused record boom");

        // fix the config: the task is restarted and consumes from the last committed offset
        config.put("fail.on", "");
        assertThat(rest.put("/connectors/fragile/config", config).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> rest.taskStates("fragile").equals(List.of("RUNNING"))
                && RecordingSinkConnector.received("fragile").contains("c"));
        assertThat(RecordingSinkConnector.received("fragile")).contains("boom", "c");
    }
}
