package dev.rill.connect.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rill.connect.internal.config.WorkerConfig;

class PluginClassLoaderTest {
    @Test
    void shouldShareTheConnectAndClientApisButNotImplementations() {
        assertThat(PluginClassLoader.isSharedApi("org.apache.kafka.connect.sink.SinkTask")).isTrue();
        assertThat(PluginClassLoader.isSharedApi("org.apache.kafka.connect.transforms.Transformation")).isTrue();
        assertThat(PluginClassLoader.isSharedApi("org.apache.kafka.common.config.ConfigDef")).isTrue();
        assertThat(PluginClassLoader.isSharedApi("java.util.List")).isTrue();
        assertThat(PluginClassLoader.isSharedApi("org.apache.kafka.connect.transforms.InsertField")).isFalse();
        assertThat(PluginClassLoader.isSharedApi("org.apache.kafka.connect.file.FileStreamSinkTask")).isFalse();
        assertThat(PluginClassLoader.isSharedApi("com.fasterxml.jackson.databind.ObjectMapper")).isFalse();
    }

    @Test
    void shouldDiscoverClasspathPluginsFromManifestsAndResolveAliases() {
        Plugins plugins = Plugins.discover(List.of(), WorkerConfig.Discovery.SERVICE_LOAD);
        assertThat(plugins.find("JsonConverter", PluginType.CONVERTER)).isNotEmpty();
        assertThat(plugins.find("org.apache.kafka.connect.converters.ByteArrayConverter", PluginType.CONVERTER))
                .extracting(PluginDesc::className).containsExactly("dev.rill.connect.converters.ByteArrayConverter");
        assertThat(plugins.connector("RecordingSink").className())
                .isEqualTo("dev.rill.connect.testing.RecordingSinkConnector");
        assertThat(plugins.find("InsertField$Value", PluginType.TRANSFORMATION)).isNotEmpty();
        assertThat(plugins.find("TopicNameMatches", PluginType.PREDICATE)).isNotEmpty();
    }
}
