package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code max.task.idle.ms} on a broker: a stream–table left join whose task reads an orders and a customers topic.
 * An order is fetched (the consumer counted it) before the customer it needs, which has an earlier timestamp, is
 * produced. With a long idle time the task holds the order until the customer arrives and joins them in timestamp
 * order (then waits once more for the drained customers partition, as Kafka Streams does); with 0 (the customers
 * partition is caught up, so nothing to wait for) and -1 it processes the order at once, without a customer. A task
 * that waits processes anyway once the idle time passed.
 */
class MaxTaskIdleIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @Test
    void aTaskWaitsForItsEmptyPartitionSoRecordsJoinInTimestampOrder() throws Exception {
        // 10 s: the customer is produced well within it; after the customer the order waits once more (the
        // customers partition is empty again), as in Kafka Streams, and then joins
        assertThat(firstJoinResult(10_000, true)).isEqualTo("o1|c1");
    }

    @ParameterizedTest(name = "max.task.idle.ms={0}")
    @ValueSource(longs = {0, -1})
    void withoutIdlingACaughtUpPartitionDoesNotHoldTheTask(long idleMs) throws Exception {
        assertThat(firstJoinResult(idleMs, true)).isEqualTo("o1|null");
    }

    @Test
    void aWaitingTaskProcessesOnceTheIdleTimePassed() throws Exception {
        assertThat(firstJoinResult(1_000, false)).isEqualTo("o1|null");
    }

    /** Runs the join, produces the order, waits until it was fetched, then (if asked) its customer; the first result. */
    private static String firstJoinResult(long idleMs, boolean sendCustomer) throws Exception {
        String suffix = (idleMs < 0 ? "m" + -idleMs : String.valueOf(idleMs)) + "-" + sendCustomer + "-" + System.nanoTime();
        String orders = KAFKA.cluster().newTopic("idle-orders-" + suffix, 1);
        String customers = KAFKA.cluster().newTopic("idle-customers-" + suffix, 1);
        String out = KAFKA.cluster().newTopic("idle-out-" + suffix, 1);
        StreamsBuilder builder = new StreamsBuilder();
        var table = builder.<String, String>table(customers);
        builder.<String, String>stream(orders).leftJoin(table, (o, c) -> o + "|" + c).to(out);
        Properties props = RillStreamsIT.props("idle-" + suffix, KAFKA.bootstrapServers());
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, idleMs);
        try (RillStreams streams = new RillStreams(builder.build(), props)) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == RillStreams.State.RUNNING);
            produce(orders, "k1", "o1", 2_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> consumed(streams.metrics()) >= 1);
            if (sendCustomer) {
                produce(customers, "k1", "c1", 1_000);
            }
            List<ConsumerRecord<String, String>> joined = RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), out,
                    1, new StringDeserializer(), new StringDeserializer());
            return joined.get(0).value();
        }
    }

    private static double consumed(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals("records-consumed-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).max().orElse(0);
    }

    private static void produce(String topic, String key, String value, long timestamp) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, null, timestamp, key, value));
        }
    }
}
