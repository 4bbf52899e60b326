package dev.rill.connect.internal.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.plugins.PluginDiscovery;

/** Plugin descriptions from the plugins on the test classpath. */
class PluginDescriptionsTest {
    private static Plugins plugins;

    @BeforeAll
    static void discover() {
        plugins = Plugins.discover(List.of(), PluginDiscovery.SERVICE_LOAD);
    }

    @AfterAll
    static void close() {
        plugins.close();
    }

    private static List<String> names(List<ConfigInfos.ConfigKeyInfo> keys) {
        return keys.stream().map(ConfigInfos.ConfigKeyInfo::name).toList();
    }

    @Test
    void shouldListAConnectorsOwnKeysThenTheFrameworkKeysOfItsKind() {
        List<ConfigInfos.ConfigKeyInfo> keys = new PluginDescriptions(plugins).configKeys("RecordingSink");

        List<String> names = names(keys);
        assertThat(names.subList(0, 6)).containsExactly("report.on", "fail.on", "retriable.on", "retriable.times",
                "start.offset", "secret.token");
        assertThat(names).contains("connector.class", "topics", "topics.regex", "errors.deadletterqueue.topic.name")
                .doesNotContain("topic.creation.groups").doesNotHaveDuplicates();
        ConfigInfos.ConfigKeyInfo secret = keys.get(5);
        assertThat(secret.type()).isEqualTo("PASSWORD");
        assertThat(secret.required()).isFalse();
        ConfigInfos.ConfigKeyInfo version = keys.stream().filter(k -> "connector.plugin.version".equals(k.name()))
                .findFirst().orElseThrow();
        assertThat(version.defaultValue()).isEqualTo(plugins.connector("RecordingSink").version());
    }

    @Test
    void shouldDescribeTransformationsWithoutFrameworkKeys() {
        List<String> names = names(new PluginDescriptions(plugins).configKeys("org.apache.kafka.connect.transforms"
                + ".InsertField$Value"));

        assertThat(names).contains("static.field", "timestamp.field").doesNotContain("connector.class");
    }

    @Test
    void shouldAnswer404WithAdviceForAnUnknownPlugin() {
        assertThatThrownBy(() -> new PluginDescriptions(plugins).configKeys("NoSuchPlugin"))
                .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("GET /connector-plugins?connectorsOnly=false");
        assertThat(new PluginDescriptions(plugins).all()).isEqualTo(plugins.all());
    }
}
