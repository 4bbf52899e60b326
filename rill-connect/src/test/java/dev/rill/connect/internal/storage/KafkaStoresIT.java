package dev.rill.connect.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/** Rill's topic-backed stores on a real broker: what one worker writes another reads, in Kafka Connect's rules. */
class KafkaStoresIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, Object> clientProps() {
        return Map.of("bootstrap.servers", KAFKA.bootstrapServers());
    }

    private String topic(String name, int partitions) {
        String t = name + "-" + suffix;
        InternalTopics.ensure(KAFKA.cluster().admin(), List.of(new InternalTopics.Spec(t, name, partitions, (short) 1,
                partitions == 1)), 30_000);
        return t;
    }

    @Test
    void startWaitsForATopicThatBrokersDoNotKnowYet() throws Exception {
        String topic = "late-" + suffix;
        List<String> read = new java.util.concurrent.CopyOnWriteArrayList<>();
        KafkaTopicLog log = new KafkaTopicLog(topic, clientProps(), "late-" + suffix,
                r -> read.add(new String(r.value(), StandardCharsets.UTF_8)));
        try {
            java.util.concurrent.CompletableFuture<Void> started =
                    java.util.concurrent.CompletableFuture.runAsync(() -> log.start(TIMEOUT));
            // created while the log is starting: the first look-ups find no partitions, a later one finds them
            topic("late", 1);
            started.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            log.write(bytes("k"), bytes("v"), TIMEOUT);
            log.readToEnd(TIMEOUT);
            assertThat(read).containsExactly("v");
        } finally {
            log.close();
        }
    }

    @Test
    void startOnAMissingTopicFailsAfterItsTimeoutWithoutCreatingIt() throws Exception {
        String topic = "missing-" + suffix;
        KafkaTopicLog log = new KafkaTopicLog(topic, clientProps(), "missing-" + suffix, r -> { });
        try {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> log.start(Duration.ofSeconds(2))))
                    .hasMessageContaining("Topic " + topic + " does not exist or has no partitions")
                    .hasMessageContaining("create it before starting the worker");
        } finally {
            log.close();
        }
        assertThat(KAFKA.cluster().admin().listTopics().names().get()).doesNotContain(topic);
    }

    @Test
    void taskConfigsAreUsedOnlyOnceTheirCommitRecordArrives() {
        String topic = topic("configs", 1);
        KafkaConfigStore writer = new KafkaConfigStore(topic, clientProps(), "w-" + suffix, TIMEOUT);
        KafkaConfigStore reader = new KafkaConfigStore(topic, clientProps(), "r-" + suffix, TIMEOUT);
        KafkaTopicLog raw = new KafkaTopicLog(topic, clientProps(), "raw-" + suffix, r -> { });
        try {
            writer.start();
            reader.start();
            raw.start(TIMEOUT);
            writer.putConnectorConfig("c", Map.of("name", "c", "connector.class", "X"), TargetState.PAUSED);
            writer.putTaskConfigs("c", List.of(Map.of("n", "0"), Map.of("n", "1")));
            // a writer that died between the task records and the commit leaves half a set behind
            raw.writeAll(List.of(new AbstractMap.SimpleEntry<>(bytes("task-c-0"), bytes("{\"properties\":{\"n\":\"new\"}}"))),
                    TIMEOUT);
            reader.refresh();
            assertThat(reader.targetState("c")).isEqualTo(TargetState.PAUSED);
            assertThat(reader.taskConfigs("c")).containsExactly(Map.of("n", "0"), Map.of("n", "1"));

            raw.writeAll(List.of(new AbstractMap.SimpleEntry<>(bytes("commit-c"), bytes("{\"tasks\":1}"))), TIMEOUT);
            reader.refresh();
            assertThat(reader.taskConfigs("c")).containsExactly(Map.of("n", "new"));

            writer.putTargetState("c", TargetState.STOPPED);
            writer.removeConnector("c");
            reader.refresh();
            assertThat(reader.connectors()).doesNotContain("c");
            assertThat(reader.targetState("c")).isNull();
        } finally {
            writer.close();
            reader.close();
            raw.close();
        }
    }

    @Test
    void aLateStatusOfAnOlderGenerationFromAnotherWorkerDoesNotReplaceTheNewOne() {
        String topic = topic("status", 5);
        AtomicInteger oldGeneration = new AtomicInteger(3);
        KafkaStatusStore dead = new KafkaStatusStore(topic, clientProps(), "a-" + suffix, TIMEOUT, "a:1",
                oldGeneration::get);
        KafkaStatusStore alive = new KafkaStatusStore(topic, clientProps(), "b-" + suffix, TIMEOUT, "b:1", () -> 4);
        try {
            dead.start();
            alive.start();
            TaskId id = new TaskId("c", 0);
            alive.putTask(id, State.RUNNING, null);
            dead.putTask(id, State.FAILED, new IllegalStateException("late"));
            alive.refresh();
            assertThat(alive.task(id)).hasValueSatisfying(s -> {
                assertThat(s.state()).isEqualTo(State.RUNNING);
                assertThat(s.workerId()).isEqualTo("b:1");
            });
            alive.removeConnector("c");
            alive.refresh();
            assertThat(alive.task(id)).isEmpty();
        } finally {
            dead.close();
            alive.close();
        }
    }

    @Test
    void offsetsWrittenByOneWorkerAreReadByAnotherAndNullDeletesThem() {
        String topic = topic("offsets", 25);
        KafkaOffsetStore one = new KafkaOffsetStore(topic, clientProps(), "o1-" + suffix, TIMEOUT);
        KafkaOffsetStore two = new KafkaOffsetStore(topic, clientProps(), "o2-" + suffix, TIMEOUT);
        OffsetCodec codec = new OffsetCodec();
        try {
            one.start();
            two.start();
            ByteBuffer key = codec.key("src", Map.of("file", "a.txt"));
            one.set(Map.of(key, codec.value(Map.of("position", 42L))));
            assertThat(codec.parseValue(two.get(List.of(key)).get(key))).containsEntry("position", 42L);
            Map<ByteBuffer, ByteBuffer> delete = new HashMap<>();
            delete.put(key, null);
            one.set(delete);
            await().atMost(TIMEOUT).until(() -> two.all().isEmpty());
        } finally {
            one.close();
            two.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
