package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.ClientInstanceIds;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.server.telemetry.ClientTelemetryExporter;
import org.apache.kafka.server.telemetry.ClientTelemetryExporterProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code RillStreams.clientInstanceIds} against a broker with client telemetry enabled. A broker hands out client
 * instance ids (it offers the telemetry APIs at all) only when a metrics reporter that exports client telemetry is
 * configured, so this broker gets {@link TelemetryExporter}.
 */
class ClientInstanceIdsIT {
    /** A broker metrics reporter that accepts client telemetry (and drops it). */
    public static final class TelemetryExporter implements MetricsReporter, ClientTelemetryExporterProvider {
        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void init(List<KafkaMetric> metrics) {
        }

        @Override
        public void metricChange(KafkaMetric metric) {
        }

        @Override
        public void metricRemoval(KafkaMetric metric) {
        }

        @Override
        public void close() {
        }

        @Override
        public ClientTelemetryExporter clientTelemetryExporter() {
            return (context, payload) -> { };
        }
    }

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(() -> EmbeddedKafkaCluster.builder()
            .brokerProperty("metric.reporters", TelemetryExporter.class.getName()));

    private RillStreams app(String name, Properties extra) {
        String in = KAFKA.cluster().newTopic(name + "-in", 2);
        String global = KAFKA.cluster().newTopic(name + "-global", 1);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).to(KAFKA.cluster().newTopic(name + "-out", 2));
        b.globalTable(global);
        Properties p = RillStreamsIT.props(name + "-" + UUID.randomUUID(), KAFKA.bootstrapServers());
        p.put("client.id", name + "-client");
        p.put("num.stream.threads", 2);
        p.putAll(extra);
        return new RillStreams(b.build(), p);
    }

    @Test
    void givesTheIdsOfAdminConsumersAndProducersWhileRunning() {
        RillStreams streams = app("ids", new Properties());
        try {
            assertThatThrownBy(() -> streams.clientInstanceIds(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not been started");
            streams.start();
            assertThatThrownBy(() -> streams.clientInstanceIds(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == RillStreams.State.RUNNING);

            ClientInstanceIds ids = streams.clientInstanceIds(Duration.ofSeconds(60));
            assertThat(ids.adminInstanceId()).isNotNull();
            assertThat(ids.consumerInstanceIds()).containsOnlyKeys("ids-client-StreamThread-1-consumer",
                    "ids-client-StreamThread-2-consumer", "ids-client-GlobalStreamThread-consumer");
            assertThat(ids.producerInstanceIds()).containsOnlyKeys("ids-client-StreamThread-1-producer",
                    "ids-client-StreamThread-2-producer");
            List<Uuid> all = new ArrayList<>(ids.consumerInstanceIds().values());
            all.addAll(ids.producerInstanceIds().values());
            all.add(ids.adminInstanceId());
            assertThat(all).doesNotContainNull().doesNotHaveDuplicates().hasSize(6)
                    .allMatch(id -> !id.equals(Uuid.ZERO_UUID));

            // the ids are the clients' own: asked again, the same come back
            ClientInstanceIds again = streams.clientInstanceIds(Duration.ofSeconds(60));
            assertThat(again.adminInstanceId()).isEqualTo(ids.adminInstanceId());
            assertThat(again.consumerInstanceIds()).isEqualTo(ids.consumerInstanceIds());
            assertThat(again.producerInstanceIds()).isEqualTo(ids.producerInstanceIds());
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
        assertThatThrownBy(() -> streams.clientInstanceIds(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped (NOT_RUNNING)");
    }

    @Test
    void clientsWithTelemetryDisabledAreLeftOutAndTheAdminsIdThrows() {
        Properties extra = new Properties();
        extra.put("producer.enable.metrics.push", "false");
        extra.put("admin.enable.metrics.push", "false");
        RillStreams streams = app("no-push", extra);
        try {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == RillStreams.State.RUNNING);
            ClientInstanceIds ids = streams.clientInstanceIds(Duration.ofSeconds(60));
            assertThat(ids.producerInstanceIds()).isEmpty();
            assertThat(ids.consumerInstanceIds()).hasSize(3);
            assertThat(new HashSet<>(ids.consumerInstanceIds().values())).hasSize(3);
            assertThatThrownBy(ids::adminInstanceId).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("enable.metrics.push");
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
