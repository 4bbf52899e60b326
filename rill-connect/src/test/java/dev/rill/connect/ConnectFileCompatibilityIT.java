package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.consume;
import static dev.rill.connect.testing.ConnectTesting.produce;
import static dev.rill.connect.testing.ConnectTesting.produceRecords;
import static dev.rill.connect.testing.ConnectTesting.workerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Apache Kafka's connect-file 4.3.1 jar from Maven Central, unmodified on plugin.path (not on the test
 * classpath), moves data end to end through Rill's worker.
 */
class ConnectFileCompatibilityIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    @Test
    void thirdPartyPluginIsLoadedInIsolationFromPluginPath() {
        assertThatThrownBy(() -> Class.forName("org.apache.kafka.connect.file.FileStreamSinkConnector"))
                .isInstanceOf(ClassNotFoundException.class);
        try (StandaloneWorker worker = StandaloneWorker.start(workerProps(KAFKA.bootstrapServers(), dir), List.of())) {
            List<Object> plugins = new Rest(worker.restUrl()).get("/connector-plugins").list();
            assertThat(plugins).contains(
                    Map.of("class", "org.apache.kafka.connect.file.FileStreamSinkConnector", "type", "sink",
                            "version", "4.3.1"),
                    Map.of("class", "org.apache.kafka.connect.file.FileStreamSourceConnector", "type", "source",
                            "version", "4.3.1"));
        }
    }

    @Test
    void jsonConverterThreeTransformsAndAPredicateApplyInOneSinkPipeline() throws Exception {
        String topic = KAFKA.cluster().newTopic("json-in", 1);
        Path out = dir.resolve("sink.txt");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String json = "{\"id\":" + i + ",\"name\":\"user" + i + "\",\"secret\":\"pw" + i + "\"}";
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, json.getBytes(StandardCharsets.UTF_8));
            if (i % 2 == 0) {
                r.headers().add("tag", "x".getBytes(StandardCharsets.UTF_8));
            }
            records.add(r);
        }
        produceRecords(KAFKA.bootstrapServers(), records);

        Map<String, String> sink = new HashMap<>();
        sink.put("name", "json-pipeline");
        sink.put("connector.class", "FileStreamSink"); // simple alias, as Apache accepts
        sink.put("topics", topic);
        sink.put("file", out.toString());
        sink.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        sink.put("value.converter.schemas.enable", "false");
        sink.put("transforms", "origin,dropSecret,mask");
        sink.put("transforms.origin.type", "org.apache.kafka.connect.transforms.InsertField$Value");
        sink.put("transforms.origin.static.field", "origin");
        sink.put("transforms.origin.static.value", "rill");
        sink.put("transforms.origin.predicate", "tagged");
        sink.put("transforms.dropSecret.type", "org.apache.kafka.connect.transforms.ReplaceField$Value");
        sink.put("transforms.dropSecret.exclude", "secret");
        sink.put("transforms.mask.type", "org.apache.kafka.connect.transforms.MaskField$Value");
        sink.put("transforms.mask.fields", "name");
        sink.put("transforms.mask.replacement", "***");
        sink.put("predicates", "tagged");
        sink.put("predicates.tagged.type", "org.apache.kafka.connect.transforms.predicates.HasHeaderKey");
        sink.put("predicates.tagged.name", "tag");

        try (StandaloneWorker worker = StandaloneWorker.start(workerProps(KAFKA.bootstrapServers(), dir),
                List.of(sink))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(out).size() == 4);
        }
        List<String> lines = lines(out);
        for (int i = 1; i <= 4; i++) {
            String line = lines.get(i - 1);
            assertThat(line).contains("id=" + i).contains("name=***").doesNotContain("secret").doesNotContain("user");
            if (i % 2 == 0) {
                assertThat(line).contains("origin=rill");
            } else {
                assertThat(line).doesNotContain("origin");
            }
        }
    }

    @Test
    void sourceResumesFromFlushedOffsetsAfterRestartAndCreatesItsTopic() throws Exception {
        String topic = "file-source-" + System.nanoTime();
        Path in = dir.resolve("input.txt");
        Files.write(in, List.of("l1", "l2", "l3", "l4", "l5"));
        Map<String, String> source = new HashMap<>();
        source.put("name", "file-source");
        source.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        source.put("file", in.toString());
        source.put("topic", topic);
        source.put("topic.creation.default.replication.factor", "1");
        source.put("topic.creation.default.partitions", "3");
        Map<String, String> props = workerProps(KAFKA.bootstrapServers(), dir);

        try (StandaloneWorker worker = StandaloneWorker.start(props, List.of(source))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> consume(KAFKA.bootstrapServers(), topic, 5).size() >= 5);
        }
        Files.write(in, List.of("l6", "l7", "l8"), StandardOpenOption.APPEND);
        try (StandaloneWorker worker = StandaloneWorker.start(props, List.of(source))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> consume(KAFKA.bootstrapServers(), topic, 8).size() >= 8);
        }
        List<String> values = consume(KAFKA.bootstrapServers(), topic, 8).stream().map(ConnectFileCompatibilityIT::value)
                .sorted().toList();
        assertThat(values).containsExactly("l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8");
        try (Admin admin = KAFKA.cluster().admin()) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
        }
    }

    @Test
    void sinkResumesFromCommittedOffsetsAfterRestart() throws Exception {
        String topic = KAFKA.cluster().newTopic("sink-restart", 2);
        Path out = dir.resolve("restart.txt");
        Map<String, String> sink = Map.of("name", "restart-sink", "connector.class",
                "org.apache.kafka.connect.file.FileStreamSinkConnector", "topics", topic, "file", out.toString(),
                "tasks.max", "1");
        Map<String, String> props = workerProps(KAFKA.bootstrapServers(), dir);
        produce(KAFKA.bootstrapServers(), topic, IntStream.rangeClosed(1, 10).mapToObj(i -> "s" + i).toList());
        try (StandaloneWorker worker = StandaloneWorker.start(props, List.of(sink))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(out).size() >= 10);
        }
        produce(KAFKA.bootstrapServers(), topic, IntStream.rangeClosed(11, 20).mapToObj(i -> "s" + i).toList());
        try (StandaloneWorker worker = StandaloneWorker.start(props, List.of(sink))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(out).size() >= 20);
            // give a duplicate delivery the chance to show up: wait for the committed offsets to reach the end
            Rest rest = new Rest(worker.restUrl());
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(rest, "restart-sink") == 20);
        }
        assertThat(lines(out)).hasSize(20).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 20).mapToObj(i -> "s" + i).toList());
    }

    @SuppressWarnings("unchecked")
    private static long committed(Rest rest, String connector) {
        List<Map<String, Object>> offsets = (List<Map<String, Object>>) rest.get("/connectors/" + connector
                + "/offsets").map().get("offsets");
        return offsets.stream().mapToLong(o -> ((Number) ((Map<String, Object>) o.get("offset")).get("kafka_offset"))
                .longValue()).sum();
    }

    private static String value(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
