package dev.rill.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** {@code processing.guarantee}: accepted values, the deprecated alias, the removed value, and its commit interval. */
class ProcessingGuaranteeConfigTest {

    private static StreamsConfig config(Object guarantee, Object commitInterval) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "pg");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
        if (guarantee != null) {
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        }
        if (commitInterval != null) {
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval);
        }
        return new StreamsConfig(p);
    }

    @Test
    void atLeastOnceByDefaultWithA30SecondCommitInterval() {
        StreamsConfig c = config(null, null);
        assertThat(c.processingGuarantee()).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(c.exactlyOnce()).isFalse();
        assertThat(c.commitIntervalMs()).isEqualTo(30_000);
    }

    @Test
    void exactlyOnceV2CommitsEvery100MsUnlessTold() {
        StreamsConfig c = config("exactly_once_v2", null);
        assertThat(c.exactlyOnce()).isTrue();
        assertThat(c.commitIntervalMs()).isEqualTo(100);
        assertThat(config("exactly_once_v2", 1000).commitIntervalMs()).isEqualTo(1000);
    }

    @Test
    void exactlyOnceBetaIsADeprecatedAliasOfV2() {
        StreamsConfig c = config("exactly_once_beta", null);
        assertThat(c.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(c.exactlyOnce()).isTrue();
        assertThat(c.commitIntervalMs()).isEqualTo(100);
    }

    @Test
    void theRemovedExactlyOnceIsRefusedNamingItsReplacement() {
        assertThatThrownBy(() -> config("exactly_once", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("processing.guarantee=exactly_once:")
                .hasMessageContaining("expected one of [at_least_once, exactly_once_v2]")
                .hasMessageContaining("removed in Kafka Streams 4.0");
    }

    @Test
    void anUnknownValueIsRefusedListingTheAcceptedOnes() {
        assertThatThrownBy(() -> config("at_most_once", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("processing.guarantee=at_most_once: expected one of [at_least_once, "
                        + "exactly_once_v2]")
                .hasMessageContaining("exactly_once_beta");
    }
}
