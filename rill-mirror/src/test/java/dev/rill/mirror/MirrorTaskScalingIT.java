package dev.rill.mirror;

import static dev.rill.mirror.MirrorTesting.flows;
import static dev.rill.mirror.MirrorTesting.startWorker;
import static dev.rill.mirror.MirrorTesting.status;
import static dev.rill.mirror.MirrorTesting.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source connector runs one task per replicated source partition, capped by tasks.max: 3 partitions with
 * tasks.max 8 give 3 tasks; a new 2-partition topic raises that to 5 through a task reconfiguration, and every record
 * of both topics, written before, during and after it, arrives exactly once.
 */
class MirrorTaskScalingIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.singleNode();
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    @Test
    void shouldRunATaskPerPartitionUpToTasksMaxAndReplicateEveryRecordOnceAcrossTheReconfiguration()
            throws Exception {
        String prefix = "scale" + UUID.randomUUID().toString().substring(0, 6);
        String first = prefix + "-first";
        String second = prefix + "-second";
        A.cluster().createTopic(first, 3, 1);
        Map<TopicPartition, Long> written = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        produce(first, 3, 50, written);
        List<MirrorTesting.Flow> flows = flows("""
                clusters = A, B
                A.bootstrap.servers = %s
                B.bootstrap.servers = %s
                A->B.enabled = true
                A->B.topics = %s-.*
                A->B.tasks.max = 8
                emit.checkpoints.enabled = false
                """.formatted(A.bootstrapServers(), B.bootstrapServers(), prefix));
        String connector = "mirror-source-A-to-B";
        try (ConnectWorker worker = startWorker(flows, "B", B.bootstrapServers(), dir)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> status(worker, connector).allRunning(3));
            await().atMost(Duration.ofSeconds(60)).until(() -> remoteEndOffsets(written).equals(written));
            System.out.printf("scaling: %s with 3 partitions -> %s%n", first, status(worker, connector));

            long created = System.nanoTime();
            A.cluster().createTopic(second, 2, 1);
            produce(second, 2, 40, written);
            produce(first, 3, 30, written); // written while the tasks are being reconfigured
            await().atMost(Duration.ofSeconds(60)).until(() -> status(worker, connector).allRunning(5));
            System.out.printf("scaling: 5 tasks running %.2f s after %s (2 partitions) was created%n",
                    (System.nanoTime() - created) / 1e9, second);
            produce(first, 3, 20, written); // written after it
            produce(second, 2, 20, written);

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(remoteEndOffsets(written)).isEqualTo(written));
            System.out.printf("scaling: replicated per partition %s%n", remoteEndOffsets(written));
            assertThat(written).hasSize(5);
            assertThat(written.values()).containsOnly(100L, 60L);
            assertThat(status(worker, connector).allRunning(5)).isTrue();
        }
    }

    /** Writes {@code count} records to each partition, adding them to {@code written}. */
    private static void produce(String topic, int partitions, int count, Map<TopicPartition, Long> written) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", A.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>(topic, p, "k" + i, "v" + i));
                }
                written.merge(new TopicPartition(topic, p), (long) count, Long::sum);
            }
            producer.flush();
        }
    }

    /** The end offset of each partition's remote copy on B: the records written there, duplicates included. */
    private static Map<TopicPartition, Long> remoteEndOffsets(Map<TopicPartition, Long> sourcePartitions) {
        Map<TopicPartition, Long> out = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        List<TopicPartition> remote = new ArrayList<>();
        for (TopicPartition tp : sourcePartitions.keySet()) {
            if (!topics(B.bootstrapServers()).contains("A." + tp.topic())) {
                return out;
            }
            remote.add(new TopicPartition("A." + tp.topic(), tp.partition()));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", B.bootstrapServers()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.endOffsets(remote).forEach((tp, end) ->
                    out.put(new TopicPartition(tp.topic().substring(2), tp.partition()), end));
        }
        return out;
    }
}
