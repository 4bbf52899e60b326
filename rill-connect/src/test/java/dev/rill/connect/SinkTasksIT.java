package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.produce;
import static dev.rill.connect.testing.ConnectTesting.workerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.RecordingSinkConnector;
import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/** Sink tasks sharing a consumer group, and topics chosen by regex. */
class SinkTasksIT {
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

    @Test
    void twoTasksShareThePartitionsAndDeliverEveryRecordOnce() {
        String topic = KAFKA.cluster().newTopic("shared", 4);
        List<String> values = IntStream.range(0, 40).mapToObj(i -> "v" + i).toList();
        produce(KAFKA.bootstrapServers(), topic, values);
        Map<String, Object> config = new HashMap<>();
        config.put("connector.class", "RecordingSink");
        config.put("topics", topic);
        config.put("tasks.max", "2");
        assertThat(rest.post("/connectors", Map.of("name", "two-tasks", "config", config)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> rest.taskStates("two-tasks").equals(List.of("RUNNING",
                "RUNNING")) && RecordingSinkConnector.received("two-tasks").size() >= 40);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed("two-tasks") == 40);
        assertThat(RecordingSinkConnector.received("two-tasks")).hasSize(40).containsExactlyInAnyOrderElementsOf(values);
    }

    @Test
    void topicsRegexPicksUpMatchingTopics() {
        String prefix = "rx-" + UUID.randomUUID().toString().substring(0, 8);
        KAFKA.cluster().createTopic(prefix + "-a", 1, 1);
        KAFKA.cluster().createTopic(prefix + "-b", 1, 1);
        KAFKA.cluster().createTopic("other-" + prefix, 1, 1);
        produce(KAFKA.bootstrapServers(), prefix + "-a", List.of("a1", "a2"));
        produce(KAFKA.bootstrapServers(), prefix + "-b", List.of("b1"));
        produce(KAFKA.bootstrapServers(), "other-" + prefix, List.of("x1"));
        Map<String, Object> config = new HashMap<>();
        config.put("connector.class", "RecordingSink");
        config.put("topics.regex", prefix + "-.*");
        assertThat(rest.post("/connectors", Map.of("name", "by-regex", "config", config)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> RecordingSinkConnector.received("by-regex").size() >= 3);
        assertThat(RecordingSinkConnector.received("by-regex")).containsExactlyInAnyOrder("a1", "a2", "b1");
        @SuppressWarnings("unchecked")
        List<Object> topics = (List<Object>) ((Map<String, Object>) rest.get("/connectors/by-regex/topics").map()
                .get("by-regex")).get("topics");
        assertThat(topics).containsExactlyInAnyOrder(prefix + "-a", prefix + "-b");
    }

    @Test
    void offsetsRequestedThroughTheTaskContextInOpenAreWhereConsumptionStarts() {
        String topic = KAFKA.cluster().newTopic("rewind", 1);
        produce(KAFKA.bootstrapServers(), topic, List.of("o0", "o1", "o2", "o3"));
        Map<String, Object> config = new HashMap<>();
        config.put("connector.class", "RecordingSink");
        config.put("topics", topic);
        config.put("start.offset", "2");
        assertThat(rest.post("/connectors", Map.of("name", "rewind", "config", config)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed("rewind") == 4);
        assertThat(RecordingSinkConnector.received("rewind")).containsExactly("o2", "o3");
    }

    @SuppressWarnings("unchecked")
    private long committed(String connector) {
        List<Map<String, Object>> offsets = new ArrayList<>((List<Map<String, Object>>) rest.get("/connectors/"
                + connector + "/offsets").map().get("offsets"));
        return offsets.stream().mapToLong(o -> ((Number) ((Map<String, Object>) o.get("offset")).get("kafka_offset"))
                .longValue()).sum();
    }
}
