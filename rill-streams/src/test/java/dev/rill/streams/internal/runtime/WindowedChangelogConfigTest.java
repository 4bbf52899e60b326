package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.state.Stores;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** The changelog topic configs of window and session stores, as Kafka Streams creates them. */
class WindowedChangelogConfigTest {

    private static StreamsConfig config(Map<String, Object> extra) {
        Map<String, Object> p = new java.util.HashMap<>(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092"));
        p.putAll(extra);
        return new StreamsConfig(p);
    }

    @Test
    void windowAndSessionChangelogsAreCompactedAndDeletedAfterRetentionPlusOneDay() {
        var window = Stores.windowStoreBuilder(Stores.persistentWindowStore("w", Duration.ofHours(2),
                Duration.ofMinutes(1), false), Serdes.String(), Serdes.Long());
        assertThat(InternalTopicManager.changelogConfigs(window, config(Map.of())))
                .containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", Long.toString(7_200_000L + 86_400_000L));
        var session = Stores.sessionStoreBuilder(Stores.inMemorySessionStore("s", Duration.ofMinutes(5)),
                Serdes.String(), Serdes.Long());
        assertThat(InternalTopicManager.changelogConfigs(session, config(Map.of(
                StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG, "1000"))))
                .containsEntry("cleanup.policy", "compact,delete").containsEntry("retention.ms", "301000");
    }

    @Test
    void aStoresLogConfigOverridesThePolicyAndAnOverflowingRetentionIsCapped() {
        var window = Stores.windowStoreBuilder(Stores.persistentWindowStore("w", Duration.ofMillis(Long.MAX_VALUE),
                Duration.ofMinutes(1), false), Serdes.String(), Serdes.Long())
                .withLoggingEnabled(Map.of("cleanup.policy", "delete", "min.insync.replicas", "2"));
        assertThat(InternalTopicManager.changelogConfigs(window, config(Map.of())))
                .containsEntry("cleanup.policy", "delete").containsEntry("min.insync.replicas", "2")
                .containsEntry("retention.ms", Long.toString(Long.MAX_VALUE));
        var keyValue = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("kv"), Serdes.String(),
                Serdes.Long());
        assertThat(InternalTopicManager.changelogConfigs(keyValue, config(Map.of())))
                .containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
    }
}
