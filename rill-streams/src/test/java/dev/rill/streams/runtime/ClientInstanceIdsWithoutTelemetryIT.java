package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broker without a client telemetry exporter does not offer the telemetry APIs, so no client gets an instance
 * id: {@code clientInstanceIds} times out (as Kafka Streams does) rather than make ids up.
 */
class ClientInstanceIdsWithoutTelemetryIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @Test
    void timesOutWhenTheBrokerHandsOutNoIds() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(KAFKA.cluster().newTopic("no-telemetry-in", 1))
                .to(KAFKA.cluster().newTopic("no-telemetry-out", 1));
        RillStreams streams = new RillStreams(b.build(), RillStreamsIT.props("no-telemetry-" + UUID.randomUUID(),
                KAFKA.bootstrapServers()));
        try {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == RillStreams.State.RUNNING);
            assertThatThrownBy(() -> streams.clientInstanceIds(Duration.ofSeconds(2)))
                    .isInstanceOf(TimeoutException.class).hasMessageContaining("instance id");
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
