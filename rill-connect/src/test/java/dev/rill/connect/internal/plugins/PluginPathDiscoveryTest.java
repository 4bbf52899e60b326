package dev.rill.connect.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.testing.RecordingSinkConnector;

/** A plugin jar without service manifests, on plugin.path: scanned (or refused) per plugin.discovery, isolated. */
class PluginPathDiscoveryTest {
    @TempDir
    Path pluginPath;

    private Path pluginDir() throws IOException {
        Path dir = Files.createDirectories(pluginPath.resolve("recording-plugin"));
        Path classes = Path.of(RecordingSinkConnector.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath());
        Path pkg = classes.resolve("dev/rill/connect/testing");
        try (OutputStream out = Files.newOutputStream(dir.resolve("recording.jar"));
             JarOutputStream jar = new JarOutputStream(out);
             Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("RecordingSink")).toList()) {
                jar.putNextEntry(new JarEntry("dev/rill/connect/testing/" + f.getFileName()));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
        return dir;
    }

    @Test
    void shouldScanALocationWithoutManifestsAndLoadItsClassesChildFirst() throws Exception {
        Path dir = pluginDir();
        Plugins plugins = Plugins.discover(List.of(pluginPath.toString()), PluginDiscovery.HYBRID_WARN);
        try {
            PluginDesc fromPath = plugins.all().stream().filter(d -> d.location().equals(dir.toString()))
                    .filter(d -> d.className().equals(RecordingSinkConnector.class.getName())).findFirst()
                    .orElseThrow();
            assertThat(fromPath.type()).isEqualTo(PluginType.SINK);
            assertThat(fromPath.loader()).isInstanceOf(PluginClassLoader.class);

            Class<?> isolated = Class.forName(fromPath.className(), false, fromPath.loader());
            assertThat(isolated).isNotSameAs(RecordingSinkConnector.class);
            assertThat(isolated.getClassLoader()).isSameAs(fromPath.loader());
            assertThat(isolated.getSuperclass()).isSameAs(SinkConnector.class); // the API is shared
        } finally {
            plugins.close();
        }
    }

    @Test
    void shouldIgnoreLocationsWithoutManifestsUnderServiceLoadAndRefuseThemUnderHybridFail() throws Exception {
        Path dir = pluginDir();
        Plugins serviceLoad = Plugins.discover(List.of(pluginPath.toString()), PluginDiscovery.SERVICE_LOAD);
        try {
            assertThat(serviceLoad.all()).noneMatch(d -> d.location().equals(dir.toString()));
        } finally {
            serviceLoad.close();
        }
        assertThatThrownBy(() -> Plugins.discover(List.of(pluginPath.toString()), PluginDiscovery.HYBRID_FAIL))
                .hasMessageContaining(dir.toString()).hasMessageContaining("hybrid_fail");
    }
}
