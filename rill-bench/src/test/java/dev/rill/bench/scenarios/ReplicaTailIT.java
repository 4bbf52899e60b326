package dev.rill.bench.scenarios;

import dev.rill.bench.RecordDigest;
import dev.rill.bench.ReplicaTally;
import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replica tail on a real broker: it waits for a topic that does not exist yet without creating it, and counts
 * a transactional writer's records only once committed (an aborted transaction's records never).
 */
class ReplicaTailIT {

    private static final String TOPIC = "A.tailed";

    @Test
    void shouldCountOnlyCommittedRecordsOfATopicCreatedAfterItStarted() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder().start()) {
            ReplicaTally tally = new ReplicaTally(Map.of(0, 2L, 1, 1L), System.nanoTime());
            RecordDigest expected = new RecordDigest();
            try (ReplicaTail tail = ReplicaTail.start(cluster.bootstrapServers(), TOPIC, tally)) {
                // fails with TopicExistsException if the tail's lookups had created the topic
                cluster.createTopic(TOPIC, 2, 1);
                try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(cluster)) {
                    producer.initTransactions();
                    producer.beginTransaction();
                    send(producer, 0, "aborted", expected, false);
                    producer.flush();
                    producer.abortTransaction();
                    producer.beginTransaction();
                    send(producer, 0, "a", expected, true);
                    send(producer, 0, "b", expected, true);
                    send(producer, 1, "c", expected, true);
                    producer.commitTransaction();
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> tally.recordsDone() == 3);
            }
            assertThat(tally.verdictAgainst(expected, TOPIC).correct()).as(tally.verdictAgainst(expected, TOPIC)
                    .detail()).isTrue();
            assertThat(tally.secondsToFirstRecord()).isPresent();
        }
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer(EmbeddedKafkaCluster cluster) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "replica-tail-it");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, int partition, String value, RecordDigest expected,
                             boolean committed) {
        byte[] key = ("k-" + value).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(TOPIC, partition, key, bytes));
        if (committed) {
            expected.add(key, bytes);
        }
    }
}
