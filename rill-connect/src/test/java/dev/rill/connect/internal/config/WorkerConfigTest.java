package dev.rill.connect.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkerConfigTest {

    @Test
    void shouldReportEveryInvalidKeyAtOnceWithTheFoundValue() {
        Map<String, String> props = new HashMap<>();
        props.put("offset.flush.interval.ms", "soon");
        props.put("plugin.discovery", "magic");
        props.put("listeners", "https://:8443");
        props.put("topic.creation.enable", "maybe");

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> WorkerConfig.standalone(props));

        assertThat(e.problems()).hasSize(5);
        assertThat(e.getMessage()).contains("offset.storage.file.filename", "'soon'", "'magic'", "https://:8443",
                "'maybe'");
    }

    @Test
    void shouldApplyConnectStandaloneDefaults() {
        WorkerConfig c = WorkerConfig.standalone(Map.of("offset.storage.file.filename", "/tmp/o"));
        assertThat(c.listener().getPort()).isEqualTo(8083);
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.offsetFlushIntervalMs()).isEqualTo(60_000L);
        assertThat(c.keyConverter()).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
        assertThat(c.headerConverter()).isEqualTo("org.apache.kafka.connect.storage.SimpleHeaderConverter");
        assertThat(c.discovery()).isEqualTo(WorkerConfig.Discovery.HYBRID_WARN);
        assertThat(c.overridePolicy()).isEqualTo("all");
    }

    @Test
    void shouldHonourRestPortWhenNoListenersAreGiven() {
        WorkerConfig c = WorkerConfig.standalone(Map.of("offset.storage.file.filename", "/tmp/o", "rest.port", "9999",
                "rest.host.name", "127.0.0.1"));
        assertThat(c.listener().getPort()).isEqualTo(9999);
        assertThat(c.listener().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldAcceptApacheOverridePolicyClassNames() {
        WorkerConfig c = WorkerConfig.standalone(Map.of("offset.storage.file.filename", "/tmp/o",
                "connector.client.config.override.policy",
                "org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy"));
        assertThat(c.overridePolicy()).isEqualTo("none");
    }
}
