package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.distributedWorkerProps;
import static dev.rill.connect.testing.ConnectTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * A source connector with its own offsets topic ({@code offsets.storage.topic}, KIP-618) in distributed mode: the
 * topic is created compacted; the connector's offsets are written there and copied to the worker's offsets topic;
 * a connector given its own topic later resumes from what the worker's topic holds; altering and resetting offsets
 * through the REST API change both topics, and the task resumes from what was set.
 */
class DistributedConnectorOffsetsTopicIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aConnectorsOwnOffsetsTopicIsReadFirstWrittenFirstAndCopiedToTheWorkersTopic() throws Exception {
        String topic = KAFKA.cluster().newTopic("own-offsets-data", 1);
        String ownTopic = "seq-offsets-" + suffix;
        Map<String, String> props = distributedWorkerProps(KAFKA.bootstrapServers(), "own-" + suffix);
        props.put("offset.flush.interval.ms", "200");
        String workerTopic = props.get("offset.storage.topic");
        try (ConnectWorker worker = ConnectWorker.builder().workerProperties(props).distributed().start()) {
            Rest rest = new Rest(worker.restUrl());
            Map<String, Object> config = new HashMap<>(Map.of("connector.class", "SequenceSource", "topic", topic,
                    "tasks.max", "1", "interval.ms", "20"));
            // 1. without its own topic: offsets in the worker's topic only
            await().atMost(TIMEOUT).until(() -> rest.post("/connectors", Map.of("name", "seq", "config", config))
                    .status() == 201);
            await().atMost(TIMEOUT).until(() -> values(topic).size() > 100);
            stop(rest);
            long stoppedAt = lastSeq(rest);
            assertThat(seqs(topic)).as("written before the first stop").endsWith(stoppedAt);

            // 2. given its own topic: it resumes after what the worker's topic holds, and writes to its own topic
            config.put("offsets.storage.topic", ownTopic);
            assertThat(rest.put("/connectors/seq/config", config).status()).isEqualTo(200);
            assertThat(rest.put("/connectors/seq/resume", null).status()).isEqualTo(202);
            await().atMost(TIMEOUT).until(() -> values(topic).size() > stoppedAt + 100);
            stop(rest);
            long secondStop = lastSeq(rest);
            assertThat(seqs(topic)).as("one run of sequence numbers, no gap, no repeat")
                    .isEqualTo(range(0, secondStop));
            assertThat(offsetsIn(ownTopic)).as("the connector's own topic").containsEntry("t0", secondStop);
            assertThat(offsetsIn(workerTopic)).as("copied to the worker's topic").containsEntry("t0", secondStop);
            try (Admin admin = KAFKA.cluster().admin()) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, ownTopic);
                Config c = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(c.get("cleanup.policy").value()).isEqualTo("compact");
            }

            // 3. offsets altered through the REST API: both topics, and the task goes on from there
            assertThat(rest.patch("/connectors/seq/offsets", Map.of("offsets", List.of(Map.of(
                    "partition", Map.of("task", "t0"), "offset", Map.of("seq", 5000))))).status()).isEqualTo(200);
            assertThat(offsetsIn(ownTopic)).containsEntry("t0", 5000L);
            assertThat(offsetsIn(workerTopic)).containsEntry("t0", 5000L);
            assertThat(rest.put("/connectors/seq/resume", null).status()).isEqualTo(202);
            await().atMost(TIMEOUT).until(() -> seqs(topic).contains(5001L));
            stop(rest);

            // 4. reset: tombstones in both topics (so the worker's copy cannot bring the old offset back)
            assertThat(rest.delete("/connectors/seq/offsets").status()).isEqualTo(200);
            assertThat(offsetsIn(ownTopic)).doesNotContainKey("t0");
            assertThat(offsetsIn(workerTopic)).doesNotContainKey("t0");
            assertThat(rest.get("/connectors/seq/offsets").map().get("offsets")).isEqualTo(List.of());
            int before = values(topic).size();
            assertThat(rest.put("/connectors/seq/resume", null).status()).isEqualTo(202);
            await().atMost(TIMEOUT).until(() -> values(topic).size() > before);
            assertThat(values(topic).get(before)).as("the first record after the reset").isEqualTo("t0-0");
            // 5. an own offsets topic that exists but is not compacted: the connector fails, saying what to run
            String deleting = KAFKA.cluster().newTopic("not-compacted-offsets", 1);
            Map<String, Object> bad = new HashMap<>(config);
            bad.put("offsets.storage.topic", deleting);
            assertThat(rest.post("/connectors", Map.of("name", "bad", "config", bad)).status()).isEqualTo(201);
            await().atMost(TIMEOUT).until(() -> "FAILED".equals(rest.connectorState("bad")));
            assertThat(String.valueOf(((Map<?, ?>) rest.get("/connectors/bad/status").map().get("connector"))
                    .get("trace"))).contains("offsets.storage.topic=" + deleting + " has cleanup.policy=delete")
                    .contains("--add-config cleanup.policy=compact");
            System.out.printf("DistributedConnectorOffsetsTopicIT: resumed at %d from the worker's topic, at %d from "
                    + "the connector's topic after a stop, at 5001 after PATCH, at 0 after DELETE%n", stoppedAt + 1,
                    secondStop + 1);
        }
    }

    /** Stops the connector (its task flushes its offsets) and waits until the REST API says so. */
    private static void stop(Rest rest) {
        assertThat(rest.put("/connectors/seq/stop", null).status()).isEqualTo(204);
        await().atMost(TIMEOUT).until(() -> "STOPPED".equals(rest.connectorState("seq")));
    }

    /** The offset of task t0 as {@code GET /connectors/seq/offsets} reports it. */
    @SuppressWarnings("unchecked")
    private static long lastSeq(Rest rest) {
        List<Map<String, Object>> offsets = (List<Map<String, Object>>) rest.get("/connectors/seq/offsets").map()
                .get("offsets");
        assertThat(offsets).hasSize(1);
        return ((Number) ((Map<String, Object>) offsets.get(0).get("offset")).get("seq")).longValue();
    }

    private static List<String> values(String topic) {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(KAFKA.bootstrapServers(), topic)) {
            out.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<Long> seqs(String topic) {
        return values(topic).stream().map(v -> Long.parseLong(v.substring(v.indexOf('-') + 1))).toList();
    }

    private static List<Long> range(long from, long toInclusive) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= toInclusive; i++) {
            out.add(i);
        }
        return out;
    }

    /** Source partition "task" → last "seq" offset of connector seq in an offsets topic (compaction applied). */
    private static Map<String, Long> offsetsIn(String offsetsTopic) {
        Map<String, Long> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(KAFKA.bootstrapServers(), offsetsTopic)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (!key.startsWith("[\"seq\",")) {
                continue;
            }
            String task = key.replaceAll(".*\"task\":\"([^\"]+)\".*", "$1");
            if (r.value() == null) {
                out.remove(task);
            } else {
                String v = new String(r.value(), StandardCharsets.UTF_8);
                out.put(task, Long.parseLong(v.replaceAll(".*\"seq\":(\\d+).*", "$1")));
            }
        }
        return out;
    }
}
