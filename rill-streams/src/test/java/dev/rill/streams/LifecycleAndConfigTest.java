package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class LifecycleAndConfigTest {
    private static Properties minimal() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        return p;
    }

    @Test
    void stateEnumListsKafkaStreamsTransitions() {
        assertThat(RillStreams.State.CREATED.validNextStates()).contains(RillStreams.State.REBALANCING);
        assertThat(RillStreams.State.RUNNING.validNextStates()).contains(RillStreams.State.REBALANCING,
                RillStreams.State.PENDING_SHUTDOWN, RillStreams.State.PENDING_ERROR);
        assertThat(RillStreams.State.NOT_RUNNING.validNextStates()).isEmpty();
        assertThat(RillStreams.State.ERROR.validNextStates()).isEmpty();
        assertThat(RillStreams.State.PENDING_ERROR.validNextStates()).containsExactly(RillStreams.State.ERROR);
    }

    @Test
    void closingAnUnstartedInstanceEndsNotRunningAndCannotStartAgain() {
        RillStreams s = new RillStreams(new StreamsBuilder().build(), minimal());
        assertThat(s.close(java.time.Duration.ofSeconds(1))).isTrue();
        assertThat(s.state()).isEqualTo(RillStreams.State.NOT_RUNNING);
        assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only allowed in state CREATED but the instance is NOT_RUNNING");
    }

    @Test
    void defaultsMatchKafkaStreams() {
        StreamsConfig c = new StreamsConfig(minimal());
        assertThat(c.numStreamThreads()).isEqualTo(1);
        assertThat(c.commitIntervalMs()).isEqualTo(30_000);
        assertThat(c.defaultKeySerde()).isNull();
        assertThat(c.defaultTimestampExtractor()).isInstanceOf(dev.rill.streams.processor.FailOnInvalidTimestamp.class);
        assertThat(c.deserializationExceptionHandler())
                .isInstanceOf(dev.rill.streams.errors.LogAndFailExceptionHandler.class);
        assertThat(c.processingExceptionHandler())
                .isInstanceOf(dev.rill.streams.errors.LogAndFailProcessingExceptionHandler.class);
        assertThat(c.deadLetterQueueTopic()).isNull();
    }

    @Test
    void clientPrefixesOverridePlainKeysAndStreamsKeysStayOut() {
        Properties p = minimal();
        p.put("max.poll.records", 10);
        p.put(StreamsConfig.consumerPrefix("max.poll.records"), 20);
        p.put(StreamsConfig.producerPrefix("linger.ms"), 7);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        StreamsConfig c = new StreamsConfig(p);
        assertThat(c.consumerConfigs()).containsEntry("max.poll.records", 20)
                .containsEntry("bootstrap.servers", "localhost:1").doesNotContainKey("default.value.serde");
        assertThat(c.producerConfigs()).containsEntry("linger.ms", 7).doesNotContainKey("max.poll.records");
        assertThat(c.defaultValueSerde()).isInstanceOf(Serdes.StringSerde.class);
    }

    @Test
    void everyInvalidKeyIsReportedWithItsValue() {
        Map<String, Object> bad = Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "a",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "b:1",
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "-5",
                StreamsConfig.APPLICATION_SERVER_CONFIG, "no-port",
                StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, String.class);
        assertThatThrownBy(() -> new StreamsConfig(bad))
                .hasMessageContaining("3 problems").hasMessageContaining("commit.interval.ms=-5")
                .hasMessageContaining("application.server=no-port: expected host:port")
                .hasMessageContaining("java.lang.String: expected a class implementing");
    }
}
