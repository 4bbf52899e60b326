package dev.rill.connect.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.rill.connect.internal.plugins.PluginDiscovery;

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
        assertThat(c.discovery()).isEqualTo(PluginDiscovery.HYBRID_WARN);
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

    @Test
    void shouldWarnAboutAnUnknownKeyNamingTheClosestKnownOne() {
        WorkerConfig c = WorkerConfig.standalone(Map.of("offset.storage.file.filename", "/tmp/o",
                "bootstrap.servers", "b:9092", "offset.flush.intervall.ms", "1000", "totally.made.up.setting", "x",
                "producer.linger.ms", "5", "ssl.truststore.location", "/tmp/t"));
        assertThat(c.warnings()).containsExactly(
                "Unknown worker config key 'offset.flush.intervall.ms'; did you mean 'offset.flush.interval.ms'?",
                "Unknown worker config key 'totally.made.up.setting'; it is ignored unless a plugin reads it");
    }

    @Test
    void shouldSayAtOnceThatTheDefaultBootstrapServersAreUsed() {
        WorkerConfig c = WorkerConfig.standalone(Map.of("offset.storage.file.filename", "/tmp/o"));
        assertThat(c.bootstrapDefaulted()).isTrue();
        assertThat(c.warnings()).containsExactly("bootstrap.servers is not set; using the default localhost:9092. "
                + "Set bootstrap.servers to your Kafka brokers, e.g. bootstrap.servers=broker1:9092,broker2:9092");
        assertThat(c.kafkaStartupTimeoutMs()).isEqualTo(30_000L);
    }

    @Test
    void shouldRejectAPluginPathEntryThatDoesNotExist(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-plugins");
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> WorkerConfig.standalone(Map.of("offset.storage.file.filename", "/tmp/o", "bootstrap.servers",
                        "b:9092", "plugin.path", dir + "," + missing)));
        assertThat(e.problems()).containsExactly("plugin.path: the entry " + missing + " does not exist; create it, "
                + "fix the path, or set rill.plugin.path.missing=warn to skip missing entries");
    }

    @Test
    void shouldOnlyWarnAboutAMissingPluginPathEntryWhenAskedTo(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-plugins");
        WorkerConfig c = WorkerConfig.standalone(Map.of("offset.storage.file.filename", "/tmp/o", "bootstrap.servers",
                "b:9092", "plugin.path", missing.toString(), "rill.plugin.path.missing", "warn"));
        assertThat(c.warnings()).containsExactly("plugin.path entry " + missing + " does not exist; it is skipped "
                + "(rill.plugin.path.missing=warn)");
    }

    @Test
    void shouldReportEveryInvalidSessionKeySettingAtOnce() {
        Map<String, String> props = new HashMap<>();
        props.put("group.id", "g");
        props.put("config.storage.topic", "c");
        props.put("offset.storage.topic", "o");
        props.put("status.storage.topic", "s");
        props.put("inter.worker.key.generation.algorithm", "NoSuchKeyAlgo");
        props.put("inter.worker.key.ttl.ms", "0");
        props.put("inter.worker.signature.algorithm", "HmacSHA512");
        props.put("inter.worker.verification.algorithms", "HmacSHA256, HmacNope");

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> WorkerConfig.distributed(props));

        assertThat(e.getMessage()).contains("inter.worker.key.generation.algorithm", "NoSuchKeyAlgo",
                "inter.worker.key.ttl.ms", "HmacNope", "must contain inter.worker.signature.algorithm (HmacSHA512)");
    }

    @Test
    void shouldDefaultSessionKeySettingsToApachesHmacSha256AndOneHour() {
        DistributedConfig c = WorkerConfig.distributed(Map.of("group.id", "g", "config.storage.topic", "c",
                "offset.storage.topic", "o", "status.storage.topic", "s")).distributedConfig();
        assertThat(c.keyGenerationAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(c.signatureAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(c.verificationAlgorithms()).containsExactly("HmacSHA256");
        assertThat(c.keyTtlMs()).isEqualTo(3_600_000L);
        assertThat(c.keySize()).isNull();
    }
}
