package dev.rill.connect.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;


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
        Plugins plugins = Plugins.discover(List.of(), PluginDiscovery.SERVICE_LOAD);
        assertThat(plugins.find("JsonConverter", PluginType.CONVERTER)).isNotEmpty();
        assertThat(plugins.find("org.apache.kafka.connect.converters.ByteArrayConverter", PluginType.CONVERTER))
                .extracting(PluginDesc::className).containsExactly("org.apache.kafka.connect.converters.ByteArrayConverter");
        assertThat(plugins.connector("RecordingSink").className())
                .isEqualTo("dev.rill.connect.testing.RecordingSinkConnector");
        assertThat(plugins.find("InsertField$Value", PluginType.TRANSFORMATION)).isNotEmpty();
        assertThat(plugins.find("TopicNameMatches", PluginType.PREDICATE)).isNotEmpty();
    }

    @Test
    void shouldListApachesConvertersUnderApachesNamesAsConvertersAndHeaderConvertersWithApachesVersion() {
        Plugins plugins = Plugins.discover(List.of(), PluginDiscovery.SERVICE_LOAD);
        List<String> names = List.of("Boolean", "ByteArray", "Double", "Float", "Integer", "Long", "Short");
        for (String n : names) {
            String apache = "org.apache.kafka.connect.converters." + n + "Converter";
            assertThat(plugins.all()).filteredOn(d -> d.className().equals(apache))
                    .extracting(PluginDesc::type, PluginDesc::version)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(PluginType.CONVERTER, "4.3.1"),
                            org.assertj.core.groups.Tuple.tuple(PluginType.HEADER_CONVERTER, "4.3.1"));
            org.apache.kafka.connect.storage.Converter byName = plugins.newInstance(apache, PluginType.CONVERTER,
                    org.apache.kafka.connect.storage.Converter.class, null);
            org.apache.kafka.connect.storage.HeaderConverter bySimpleName = plugins.newInstance(n + "Converter",
                    PluginType.HEADER_CONVERTER, org.apache.kafka.connect.storage.HeaderConverter.class, null);
            assertThat(byName.getClass().getName()).isEqualTo("dev.rill.connect.converters." + n + "Converter");
            assertThat(bySimpleName.getClass()).isSameAs(byName.getClass());
        }
        // Rill's own classes answer under Apache's names only; they still load by their own name
        assertThat(plugins.all()).noneMatch(d -> d.className().startsWith("dev.rill.connect.converters."));
        assertThat(plugins.newInstance("dev.rill.connect.converters.LongConverter", PluginType.CONVERTER,
                org.apache.kafka.connect.storage.Converter.class, null)).isNotNull();
    }
}
