package dev.rill.connect.internal.storage;

import static dev.rill.connect.testing.ConnectTesting.consume;
import static dev.rill.connect.testing.ConnectTesting.testPluginPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.oracle.ApacheConnectWorker;
import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Rill's Kafka-backed stores and Apache Kafka Connect 4.3.1's distributed worker share the internal topics: what
 * Apache writes (connectors, target states, task configs, offsets, statuses) Rill reads, and an Apache worker
 * started on topics Rill wrote lists Rill's connectors and resumes a source from Rill's offsets.
 */
class KafkaStoresCompatibilityIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String configTopic = "cfg-" + suffix;
    private final String offsetTopic = "off-" + suffix;
    private final String statusTopic = "st-" + suffix;

    private Map<String, Object> clientProps() {
        return Map.of("bootstrap.servers", KAFKA.bootstrapServers());
    }

    private Map<String, String> apacheProps() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        p.put("group.id", "apache-" + suffix);
        p.put("config.storage.topic", configTopic);
        p.put("offset.storage.topic", offsetTopic);
        p.put("status.storage.topic", statusTopic);
        p.put("plugin.path", testPluginPath());
        p.put("plugin.discovery", "service_load");
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("offset.flush.interval.ms", "500");
        return p;
    }

    private void createTopics() {
        InternalTopics.ensure(KAFKA.cluster().admin(), List.of(
                new InternalTopics.Spec(configTopic, "config.storage.topic", 1, (short) 1, true),
                new InternalTopics.Spec(offsetTopic, "offset.storage.topic", 25, (short) 1, false),
                new InternalTopics.Spec(statusTopic, "status.storage.topic", 5, (short) 1, false)), 30_000);
    }

    private Path lines(String name, int count) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("", IntStream.range(0, count).mapToObj(i -> "line-" + i + "\n").toList()));
        return file;
    }

    @Test
    void rillReadsWhatApacheDistributedWrote() throws Exception {
        Path input = lines("apache-in.txt", 5);
        String output = "apache-out-" + suffix;
        try (ApacheConnectWorker apache = ApacheConnectWorker.startDistributed(apacheProps(), dir.resolve("apache"),
                Duration.ofSeconds(120))) {
            Rest rest = new Rest(apache.restUrl().toString());
            Map<String, String> source = Map.of("connector.class", "FileStreamSource", "file", input.toString(),
                    "topic", output, "tasks.max", "1");
            await().atMost(TIMEOUT).until(() -> rest.post("/connectors", Map.of("name", "src", "config", source))
                    .status() == 201);
            assertThat(rest.post("/connectors", Map.of("name", "halted", "config", source,
                    "initial_state", "STOPPED")).status()).isEqualTo(201);
            assertThat(rest.post("/connectors", Map.of("name", "resting", "config", Map.of(
                    "connector.class", "FileStreamSource", "file", input.toString(), "topic", output + "-2")))
                    .status()).isEqualTo(201);
            await().atMost(TIMEOUT).until(() -> rest.put("/connectors/resting/pause", null).status() == 202);
            await().atMost(TIMEOUT).until(() -> "RUNNING".equals(rest.connectorState("src"))
                    && rest.taskStates("src").equals(List.of("RUNNING"))
                    && rest.get("/connectors/src/offsets").body().contains("\"position\":"));
            String apacheWorkerId = (String) ((Map<?, ?>) rest.get("/connectors/src/status").map().get("connector"))
                    .get("worker_id");

            KafkaConfigStore configs = new KafkaConfigStore(configTopic, clientProps(), "rill-" + suffix, TIMEOUT);
            KafkaOffsetStore offsets = new KafkaOffsetStore(offsetTopic, clientProps(), "rill-" + suffix, TIMEOUT);
            KafkaStatusStore statuses = new KafkaStatusStore(statusTopic, clientProps(), "rill-" + suffix, TIMEOUT,
                    "rill:1", () -> 0);
            try {
                configs.start();
                offsets.start();
                statuses.start();
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    configs.refresh();
                    assertThat(configs.connectors()).containsExactlyInAnyOrder("src", "halted", "resting");
                    assertThat(configs.targetState("resting")).isEqualTo(TargetState.PAUSED);
                });
                Map<String, String> expected = new HashMap<>(source);
                expected.put("name", "src");
                assertThat(configs.connectorConfig("src")).isEqualTo(expected);
                assertThat(configs.targetState("src")).isEqualTo(TargetState.STARTED);
                assertThat(configs.targetState("halted")).isEqualTo(TargetState.STOPPED);
                assertThat(configs.taskConfigs("src")).hasSize(1);
                assertThat(configs.taskConfigs("src").get(0)).containsEntry("file", input.toString())
                        .containsEntry("task.class", "org.apache.kafka.connect.file.FileStreamSourceTask");
                assertThat(configs.taskConfigs("halted")).isEmpty();

                OffsetCodec codec = new OffsetCodec();
                Map<ByteBuffer, ByteBuffer> stored = offsets.get(List.of(codec.key("src",
                        Map.of("filename", input.toString()))));
                assertThat(stored).hasSize(1);
                assertThat(codec.parseValue(stored.values().iterator().next()))
                        .containsEntry("position", (long) Files.size(input));

                statuses.refresh();
                assertThat(statuses.connector("src")).hasValueSatisfying(s -> {
                    assertThat(s.state()).isEqualTo(State.RUNNING);
                    assertThat(s.workerId()).isEqualTo(apacheWorkerId);
                });
                assertThat(statuses.task(new TaskId("src", 0)).map(StatusStore.Status::state))
                        .contains(State.RUNNING);
                assertThat(statuses.connector("resting").map(StatusStore.Status::state)).contains(State.PAUSED);
            } finally {
                configs.close();
                offsets.close();
                statuses.close();
            }
        }
    }

    @Test
    void apacheDistributedListsRillsConnectorsAndResumesFromRillsOffsets() throws Exception {
        Path input = lines("rill-in.txt", 10);
        String output = "rill-out-" + suffix;
        createTopics();
        Map<String, String> source = new HashMap<>(Map.of("name", "resumed", "connector.class",
                "org.apache.kafka.connect.file.FileStreamSourceConnector", "file", input.toString(), "topic", output,
                "tasks.max", "1"));
        long skipped = "line-0\nline-1\nline-2\nline-3\n".length();
        KafkaConfigStore configs = new KafkaConfigStore(configTopic, clientProps(), "rill-" + suffix, TIMEOUT);
        KafkaOffsetStore offsets = new KafkaOffsetStore(offsetTopic, clientProps(), "rill-" + suffix, TIMEOUT);
        try {
            configs.start();
            offsets.start();
            configs.putConnectorConfig("resumed", source, TargetState.STARTED);
            Map<String, String> task = new HashMap<>(source);
            task.put("task.class", "org.apache.kafka.connect.file.FileStreamSourceTask");
            configs.putTaskConfigs("resumed", List.of(task));
            Map<String, String> halted = new HashMap<>(source);
            halted.put("name", "halted");
            configs.putConnectorConfig("halted", halted, TargetState.STOPPED);
            OffsetCodec codec = new OffsetCodec();
            Map<ByteBuffer, ByteBuffer> offset = new HashMap<>();
            offset.put(codec.key("resumed", Map.of("filename", input.toString())), codec.value(Map.of("position",
                    skipped)));
            offsets.set(offset);
        } finally {
            configs.close();
            offsets.close();
        }

        try (ApacheConnectWorker apache = ApacheConnectWorker.startDistributed(apacheProps(), dir.resolve("apache"),
                Duration.ofSeconds(120))) {
            Rest rest = new Rest(apache.restUrl().toString());
            await().atMost(TIMEOUT).until(() -> rest.get("/connectors").status() == 200
                    && rest.get("/connectors").list().containsAll(List.of("resumed", "halted")));
            await().atMost(TIMEOUT).until(() -> "STOPPED".equals(rest.connectorState("halted")));
            List<String> values = consume(KAFKA.bootstrapServers(), output, 6).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            assertThat(values).containsExactly("line-4", "line-5", "line-6", "line-7", "line-8", "line-9");
        }
    }

    @Test
    void aRillDistributedWorkerTakesOverAnApacheClusterOnTheSameTopicsAndGroup() throws Exception {
        Path input = lines("takeover-in.txt", 5);
        String output = "takeover-out-" + suffix;
        try (ApacheConnectWorker apache = ApacheConnectWorker.startDistributed(apacheProps(), dir.resolve("apache"),
                Duration.ofSeconds(120))) {
            Rest rest = new Rest(apache.restUrl().toString());
            Map<String, String> source = Map.of("connector.class", "FileStreamSource", "file", input.toString(),
                    "topic", output, "tasks.max", "1");
            await().atMost(TIMEOUT).until(() -> rest.post("/connectors", Map.of("name", "moved", "config", source))
                    .status() == 201);
            await().atMost(TIMEOUT).until(() -> rest.get("/connectors/moved/offsets").body()
                    .contains("\"position\":" + Files.size(input)));
        }
        Files.writeString(input, String.join("", IntStream.range(5, 10).mapToObj(i -> "line-" + i + "\n").toList()),
                java.nio.file.StandardOpenOption.APPEND);

        Map<String, String> props = apacheProps();
        props.put("listeners", "http://localhost:0");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        try (dev.rill.connect.ConnectWorker rill = dev.rill.connect.ConnectWorker.builder().workerProperties(props)
                .distributed().start()) {
            Rest rest = new Rest(rill.restUrl());
            java.net.URI uri = java.net.URI.create(rill.restUrl());
            String rillId = uri.getHost() + ":" + uri.getPort();
            await().atMost(TIMEOUT).until(() -> rest.get("/connectors").list().contains("moved")
                    && rest.taskStates("moved").equals(List.of("RUNNING"))
                    && rest.get("/connectors/moved/status").body().contains(rillId));
            List<String> values = consume(KAFKA.bootstrapServers(), output, 10).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            assertThat(values).containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "line-" + i).toList());
        }
    }
}
