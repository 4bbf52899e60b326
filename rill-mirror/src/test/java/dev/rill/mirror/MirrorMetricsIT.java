package dev.rill.mirror;

import static dev.rill.mirror.MirrorTesting.flows;
import static dev.rill.mirror.MirrorTesting.startWorker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MirrorMaker 2 metrics of the connectors running on an in-process Rill worker, read from the platform
 * MBeanServer as a JMX tool would: per partition, {@code record-count} equals the records replicated, {@code
 * byte-count} their value bytes, and records written with a timestamp 60 s in the past show a replication latency
 * and record age of at least 60 s; a checkpoint's latency appears per group and partition; a task restart leaves one
 * set of live MBeans, and deleting the connectors removes them all.
 */
class MirrorMetricsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension A = EmbeddedKafkaExtension.singleNode();
    @RegisterExtension
    static final EmbeddedKafkaExtension B = EmbeddedKafkaExtension.singleNode();

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private static final long AGE_MS = 60_000;
    private static final int PER_PARTITION = 40;

    @TempDir
    Path dir;

    @Test
    void shouldExposeMirrorMakerMetricsPerPartitionAndRemoveThemWithTheConnector() throws Exception {
        String topic = A.cluster().newTopic("metrics", 3);
        long written = System.currentTimeMillis() - AGE_MS;
        produce(topic, List.of(0, 1, 2), PER_PARTITION, written);
        String group = "metered-" + topic;
        try (Admin adminA = A.cluster().admin()) {
            adminA.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 1), new OffsetAndMetadata(10)))
                    .all().get();
        }
        List<MirrorTesting.Flow> flows = flows("""
                clusters = A, B
                A.bootstrap.servers = %s
                B.bootstrap.servers = %s
                A->B.enabled = true
                A->B.topics = %s
                emit.checkpoints.interval.seconds = 1
                """.formatted(A.bootstrapServers(), B.bootstrapServers(), topic));
        String remote = "A." + topic;
        ObjectName partitions = new ObjectName("kafka.connect.mirror:type=MirrorSourceConnector,source=A,target=B,"
                + "topic=" + remote + ",*");
        ObjectName checkpoints = new ObjectName("kafka.connect.mirror:type=MirrorCheckpointConnector,source=A,"
                + "target=B,group=" + group + ",*");
        try (ConnectWorker worker = startWorker(flows, "B", B.bootstrapServers(), dir)) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
                for (int p = 0; p < 3; p++) {
                    assertThat(attribute(partition(remote, p), "record-count")).isEqualTo((double) PER_PARTITION);
                }
            });
            long checked = System.currentTimeMillis();
            assertThat(JMX.queryNames(partitions, null)).hasSize(3);
            for (int p = 0; p < 3; p++) {
                ObjectName name = partition(remote, p);
                double latencyMax = attribute(name, "replication-latency-ms-max");
                System.out.printf("partition %d: replication-latency-ms min/avg/max %.0f/%.0f/%.0f, record-age-ms-max"
                        + " %.0f, byte-count %.0f%n", p, attribute(name, "replication-latency-ms-min"),
                        attribute(name, "replication-latency-ms-avg"), latencyMax,
                        attribute(name, "record-age-ms-max"), attribute(name, "byte-count"));
                assertThat(latencyMax).as("records were written %d ms before their source timestamp", AGE_MS)
                        .isGreaterThanOrEqualTo(AGE_MS).isLessThanOrEqualTo(checked - written);
                assertThat(attribute(name, "replication-latency-ms-min")).isGreaterThanOrEqualTo(AGE_MS);
                assertThat(attribute(name, "record-age-ms-max")).isGreaterThanOrEqualTo(AGE_MS)
                        .isLessThanOrEqualTo(latencyMax);
                assertThat(attribute(name, "byte-count")).isEqualTo((double) valueBytes(PER_PARTITION));
                assertThat(attribute(name, "record-rate")).isGreaterThan(0);
            }

            ObjectName checkpoint = new ObjectName("kafka.connect.mirror:type=MirrorCheckpointConnector,"
                    + "source=A,target=B,group=" + group + ",topic=" + remote + ",partition=1");
            await().atMost(Duration.ofSeconds(60)).until(() -> JMX.isRegistered(checkpoint));
            assertThat(attribute(checkpoint, "checkpoint-latency-ms-max")).isGreaterThanOrEqualTo(0)
                    .isLessThan(60_000);

            rest(worker, "POST", "/connectors/mirror-source-A-to-B/tasks/0/restart");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                    attribute(partition(remote, 0), "record-count")).as("the restarted task's own count").isZero());
            produce(topic, List.of(0), 5, System.currentTimeMillis());
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                    attribute(partition(remote, 0), "record-count")).isEqualTo(5.0));
            assertThat(JMX.queryNames(partitions, null)).as("one MBean per partition after the restart").hasSize(3);

            rest(worker, "DELETE", "/connectors/mirror-source-A-to-B");
            rest(worker, "DELETE", "/connectors/mirror-checkpoint-A-to-B");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(JMX.queryNames(partitions, null)).isEmpty();
                assertThat(JMX.queryNames(checkpoints, null)).isEmpty();
            });
        }
        assertThat(JMX.queryNames(new ObjectName("kafka.connect.mirror:*"), null)).as("nothing left").isEmpty();
    }

    private static ObjectName partition(String remote, int partition) throws Exception {
        return new ObjectName("kafka.connect.mirror:type=MirrorSourceConnector,source=A,target=B,topic=" + remote
                + ",partition=" + partition);
    }

    private static double attribute(ObjectName name, String attribute) throws Exception {
        return ((Number) JMX.getAttribute(name, attribute)).doubleValue();
    }

    private static String value(int i) {
        return "value-" + i;
    }

    private static long valueBytes(int count) {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += value(i).getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    private static void produce(String topic, List<Integer> partitions, int count, long timestamp) {
        Map<String, Object> config = Map.of("bootstrap.servers", A.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int partition : partitions) {
                for (int i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, timestamp, "k" + i, value(i)));
                }
            }
            producer.flush();
        }
    }

    private static void rest(ConnectWorker worker, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(worker.restUrl().replaceAll("/+$", "") + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    }
}
