package dev.rill.connect.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadJsonWithNameAndConfig() throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"name\":\"a\",\"config\":{\"connector.class\":\"X\",\"tasks.max\":2}}");
        assertThat(ConfigFiles.readConnectorConfig(f)).containsEntry("name", "a").containsEntry("tasks.max", "2")
                .containsEntry("connector.class", "X");
    }

    @Test
    void shouldReadFlatJsonAndProperties() throws Exception {
        Path json = dir.resolve("flat.json");
        Files.writeString(json, "{\"name\":\"b\",\"connector.class\":\"Y\"}");
        assertThat(ConfigFiles.readConnectorConfig(json)).containsEntry("name", "b").containsEntry("connector.class",
                "Y");
        Path props = dir.resolve("c.properties");
        Files.writeString(props, "name=c\nconnector.class=Z\n");
        assertThat(ConfigFiles.readConnectorConfig(props)).containsEntry("name", "c");
    }

    @Test
    void shouldRejectConflictingNames() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"name\":\"a\",\"config\":{\"name\":\"b\"}}");
        assertThatThrownBy(() -> ConfigFiles.readConnectorConfig(f)).hasMessageContaining("'a'")
                .hasMessageContaining("name='b'");
    }
}
