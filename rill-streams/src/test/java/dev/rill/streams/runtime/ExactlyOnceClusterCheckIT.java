package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once against a cluster that cannot create the transaction state topic (one broker, the brokers' default
 * replication factor 3 for it): {@code start()} fails at once saying what to change, instead of hanging.
 */
class ExactlyOnceClusterCheckIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.of(() -> EmbeddedKafkaCluster.builder()
            .brokerProperty("transaction.state.log.replication.factor", "3")
            .brokerProperty("transaction.state.log.min.isr", "2"));

    @Test
    void startFailsNamingTheBrokerSettingAndTheBrokerCount() throws Exception {
        String in = KAFKA.cluster().newTopic("check-in", 1);
        Properties p = RillStreamsIT.props("eos-check-" + System.nanoTime(), KAFKA.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-eos-check-").toString());
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in).to(in + "-out");
        RillStreams streams = new RillStreams(b.build(), p);
        try {
            assertThatThrownBy(streams::start).isInstanceOf(StreamsException.class)
                    .hasMessageContaining("transaction.state.log.replication.factor=3")
                    .hasMessageContaining("1 broker(s)")
                    .hasMessageContaining("processing.guarantee=at_least_once");
            assertThat(streams.state()).isEqualTo(RillStreams.State.ERROR);
        } finally {
            streams.close();
        }
    }

    @Test
    void atLeastOnceDoesNotNeedTransactions() throws Exception {
        String in = KAFKA.cluster().newTopic("check-alos-in", 1);
        Properties p = RillStreamsIT.props("alos-check-" + System.nanoTime(), KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-eos-check-").toString());
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in).to(in + "-out");
        try (RillStreams streams = new RillStreams(b.build(), p)) {
            streams.start();
            assertThat(streams.state().isRunningOrRebalancing()).isTrue();
        }
    }
}
