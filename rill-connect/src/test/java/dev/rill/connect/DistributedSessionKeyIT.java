package dev.rill.connect;

import static dev.rill.connect.testing.ConnectTesting.readAll;
import static dev.rill.connect.testing.ConnectTesting.distributedWorkerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.internal.herder.RequestSignature;
import dev.rill.connect.internal.storage.SessionKey;
import dev.rill.connect.testing.Rest;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * Session-key signing of the internal endpoint {@code POST /connectors/{c}/tasks} on a two-worker cluster: the
 * leader writes a {@code session-key} record in Apache's format and rotates it after {@code inter.worker.key.ttl.ms};
 * unsigned, wrongly signed and wrongly labelled calls are answered 403 through either worker and change nothing; a
 * call signed with the current key (sent to the follower, which forwards it) replaces the task configs.
 */
class DistributedSessionKeyIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, String> workerProps() {
        Map<String, String> p = distributedWorkerProps(KAFKA.bootstrapServers(), "signed-" + suffix);
        p.put("inter.worker.key.ttl.ms", "5000");
        return p;
    }

    @Test
    void internalTaskConfigEndpointAcceptsOnlyCallsSignedWithTheCurrentSessionKey() throws Exception {
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "a\n");
        String topic = KAFKA.cluster().newTopic("signed-out", 1);
        try (ConnectWorker a = ConnectWorker.builder().workerProperties(workerProps()).distributed().start();
             ConnectWorker b = ConnectWorker.builder().workerProperties(workerProps()).distributed().start()) {
            List<Rest> both = List.of(new Rest(a.restUrl()), new Rest(b.restUrl()));
            String configTopic = "signed-" + suffix + "-configs";

            // the leader writes a session key in Apache's record format
            await().atMost(TIMEOUT).until(() -> !sessionKeys(configTopic).isEmpty());
            Map<String, Object> first = sessionKeyRecords(configTopic).get(0);
            assertThat(first).containsOnlyKeys("key", "algorithm", "creation-timestamp");
            assertThat(first.get("algorithm")).isEqualTo("HmacSHA256");
            assertThat(Base64.getDecoder().decode((String) first.get("key"))).hasSize(32);

            await().atMost(TIMEOUT).until(() -> both.get(0).post("/connectors", Map.of("name", "src", "config",
                    Map.of("connector.class", "FileStreamSource", "file", input.toString(), "topic", topic,
                            "tasks.max", "1"))).status() == 201);
            await().atMost(TIMEOUT).until(() -> both.get(1).get("/connectors/src/tasks").list().size() == 1);
            Object tasksBefore = both.get(0).get("/connectors/src/tasks").json();
            @SuppressWarnings("unchecked")
            Map<String, Object> taskConfig = new HashMap<>((Map<String, Object>) ((Map<String, Object>)
                    both.get(0).get("/connectors/src/tasks").list().get(0)).get("config"));
            taskConfig.put("rill.test.signed", "yes");
            String body = JSON.writeValueAsString(List.of(taskConfig));

            SessionKey wrongKey = new SessionKey(new byte[32], "HmacSHA256", System.currentTimeMillis());
            for (Rest rest : both) {
                Rest.Response unsigned = rest.post("/connectors/src/tasks", body);
                assertThat(unsigned.status()).as("unsigned: %s", unsigned).isEqualTo(403);
                assertThat(unsigned.map().get("message").toString()).contains("missing",
                        RequestSignature.SIGNATURE_HEADER);
                Rest.Response wrong = send(rest, body, RequestSignature.headers(wrongKey, "HmacSHA256",
                        body.getBytes(StandardCharsets.UTF_8)));
                assertThat(wrong.status()).as("wrong key: %s", wrong).isEqualTo(403);
                assertThat(wrong.map().get("message").toString()).contains("invalid signature");
                Rest.Response otherAlgorithm = send(rest, body, RequestSignature.headers(latest(configTopic),
                        "HmacSHA512", body.getBytes(StandardCharsets.UTF_8)));
                assertThat(otherAlgorithm.status()).as("HmacSHA512: %s", otherAlgorithm).isEqualTo(403);
                assertThat(otherAlgorithm.map().get("message").toString()).contains("HmacSHA512",
                        "inter.worker.verification.algorithms");
            }
            for (Rest rest : both) {
                assertThat(rest.get("/connectors/src/tasks").json()).as("nothing changed").isEqualTo(tasksBefore);
            }

            // signed with the current key: accepted through either worker (retried if the key rotates in between)
            await().atMost(TIMEOUT).until(() -> send(both.get(1), body, RequestSignature.headers(latest(configTopic),
                    "HmacSHA256", body.getBytes(StandardCharsets.UTF_8))).status() == 204);
            await().atMost(TIMEOUT).until(() -> both.stream().allMatch(r -> r.get("/connectors/src/tasks").body()
                    .contains("rill.test.signed")));

            // the key rotates after its TTL (5 s here): a newer record follows the first
            await().atMost(TIMEOUT).until(() -> sessionKeys(configTopic).size() >= 2);
            List<SessionKey> keys = sessionKeys(configTopic);
            long rotatedAfter = keys.get(1).creationTimestamp() - keys.get(0).creationTimestamp();
            assertThat(rotatedAfter).isGreaterThanOrEqualTo(5000);
            System.out.printf("DistributedSessionKeyIT: 6 bad internal calls (3 kinds × 2 workers) answered 403, nothing changed; signed "
                    + "call accepted; session key rotated %d ms after the first (ttl 5000 ms)%n", rotatedAfter);
        }
    }

    /**
     * {@code PUT /connectors/{c}/fence}, the other internal endpoint: unsigned calls are refused with 403 through
     * either worker and fence nothing; a signed call fences the producers of the source connector's tasks, so a
     * producer still holding task 0's transactional id (a zombie) can no longer commit. Sinks and unknown
     * connectors are refused.
     */
    @Test
    void internalFenceEndpointFencesTheSourceTasksProducersOnlyWhenSigned() throws Exception {
        Path input = dir.resolve("fence-in.txt");
        Files.writeString(input, "a\n");
        String topic = KAFKA.cluster().newTopic("fence-out", 1);
        Map<String, String> props = workerProps();
        props.put("exactly.once.source.support", "preparing"); // the leader fences; tasks not yet transactional
        try (ConnectWorker a = ConnectWorker.builder().workerProperties(props).distributed().start();
             ConnectWorker b = ConnectWorker.builder().workerProperties(props).distributed().start()) {
            List<Rest> both = List.of(new Rest(a.restUrl()), new Rest(b.restUrl()));
            String configTopic = "signed-" + suffix + "-configs";
            await().atMost(TIMEOUT).until(() -> !sessionKeys(configTopic).isEmpty());
            await().atMost(TIMEOUT).until(() -> both.get(0).post("/connectors", Map.of("name", "src", "config",
                    Map.of("connector.class", "FileStreamSource", "file", input.toString(), "topic", topic,
                            "tasks.max", "1"))).status() == 201);
            await().atMost(TIMEOUT).until(() -> both.get(1).get("/connectors/src/tasks").list().size() == 1);

            try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> zombie = zombie(
                    dev.rill.connect.internal.runtime.Worker.transactionalId("signed-" + suffix,
                            new dev.rill.connect.internal.storage.TaskId("src", 0)))) {
                zombie.beginTransaction();
                zombie.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "late".getBytes()));
                for (Rest rest : both) {
                    Rest.Response unsigned = rest.send("PUT", "/connectors/src/fence", null, Map.of());
                    assertThat(unsigned.status()).as("unsigned: %s", unsigned).isEqualTo(403);
                }
                zombie.flush(); // still its producer: the unsigned calls fenced nothing

                await().atMost(TIMEOUT).until(() -> both.get(1).send("PUT", "/connectors/src/fence", null,
                        RequestSignature.headers(latest(configTopic), "HmacSHA256", new byte[0])).status() == 204);
                org.assertj.core.api.Assertions.assertThatThrownBy(zombie::commitTransaction)
                        .as("the zombie's transaction after a signed fence call")
                        .isInstanceOf(org.apache.kafka.common.errors.ProducerFencedException.class);
            }
            // signed with the latest key read (asked again if the key rotates between reading it and the call)
            Rest.Response[] unknown = new Rest.Response[1];
            await().atMost(TIMEOUT).until(() -> {
                unknown[0] = both.get(0).send("PUT", "/connectors/nope/fence", null,
                        RequestSignature.headers(latest(configTopic), "HmacSHA256", new byte[0]));
                return unknown[0].status() != 403;
            });
            assertThat(unknown[0].status()).as("unknown connector: %s", unknown[0]).isEqualTo(404);
        }
    }

    private static org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> zombie(String transactionalId) {
        org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer =
                new org.apache.kafka.clients.producer.KafkaProducer<>(Map.of("bootstrap.servers",
                        KAFKA.bootstrapServers(), "transactional.id", transactionalId),
                        new org.apache.kafka.common.serialization.ByteArraySerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    private static Rest.Response send(Rest rest, String body, Map<String, String> headers) {
        return rest.send("POST", "/connectors/src/tasks", body, headers);
    }

    private static SessionKey latest(String configTopic) throws Exception {
        List<SessionKey> keys = sessionKeys(configTopic);
        return keys.get(keys.size() - 1);
    }

    private static List<SessionKey> sessionKeys(String configTopic) throws Exception {
        List<SessionKey> out = new ArrayList<>();
        for (Map<String, Object> v : sessionKeyRecords(configTopic)) {
            out.add(new SessionKey(Base64.getDecoder().decode((String) v.get("key")), (String) v.get("algorithm"),
                    ((Number) v.get("creation-timestamp")).longValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sessionKeyRecords(String configTopic) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(KAFKA.bootstrapServers(), configTopic)) {
            if (r.key() != null && "session-key".equals(new String(r.key(), StandardCharsets.UTF_8))) {
                out.add(JSON.readValue(r.value(), Map.class));
            }
        }
        return out;
    }
}
