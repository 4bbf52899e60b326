package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.processor.api.FixedKeyProcessor;
import dev.rill.streams.processor.api.FixedKeyProcessorContext;
import dev.rill.streams.processor.api.FixedKeyRecord;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sensors a processor adds through {@code context.metrics()} show up in {@code RillStreams.metrics()}. */
class UserMetricsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    static final class Counting implements FixedKeyProcessor<String, String, String> {
        private FixedKeyProcessorContext<String, String> context;
        private Sensor sensor;

        @Override
        public void init(FixedKeyProcessorContext<String, String> context) {
            this.context = context;
            sensor = context.metrics().addLatencyRateTotalSensor("app", "checker", "check", Sensor.RecordingLevel.INFO,
                    "team", "fraud");
        }

        @Override
        public void process(FixedKeyRecord<String, String> record) {
            sensor.record(record.value().length());
            context.forward(record);
        }
    }

    private static Double value(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("stream-app-metrics")
                        && "checker".equals(e.getKey().tags().get("app-id"))
                        && "fraud".equals(e.getKey().tags().get("team")))
                .map(e -> (Double) e.getValue().metricValue()).findFirst().orElse(null);
    }

    @Test
    void sensorsAddedByProcessorsShowInTheInstanceMetrics() {
        String in = KAFKA.cluster().newTopic("user-metrics-in", 2);
        String out = KAFKA.cluster().newTopic("user-metrics-out", 2);
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(in, "k" + i, i < 5 ? "a" : "abc"));
            }
        }
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).processValues(Counting::new).to(out);
        RillStreams streams = new RillStreams(b.build(), RillStreamsIT.props("user-metrics-" + UUID.randomUUID(),
                KAFKA.bootstrapServers()));
        try {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> Double.valueOf(10.0).equals(
                    value(streams.metrics(), "check-total")));
            assertThat(value(streams.metrics(), "check-latency-max")).isEqualTo(3.0);
            assertThat(value(streams.metrics(), "check-latency-avg")).isEqualTo(2.0);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
