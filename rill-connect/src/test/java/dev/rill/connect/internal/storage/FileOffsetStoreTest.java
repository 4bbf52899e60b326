package dev.rill.connect.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOffsetStoreTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepOffsetsAcrossInstancesAndReadThemForTheConnectorOnly() {
        Path file = dir.resolve("offsets");
        OffsetCodec codec = new OffsetCodec();
        FileOffsetStore first = new FileOffsetStore(file);
        first.start();
        Map<java.nio.ByteBuffer, java.nio.ByteBuffer> values = new HashMap<>();
        values.put(codec.key("a", Map.of("file", "x")), codec.value(Map.of("position", 42L)));
        values.put(codec.key("b", Map.of("file", "x")), codec.value(Map.of("position", 7L)));
        first.set(values);

        FileOffsetStore second = new FileOffsetStore(file);
        second.start();
        OffsetReader reader = new OffsetReader("a", second, codec);
        assertThat(reader.offset(Map.of("file", "x"))).isEqualTo(Map.of("position", 42L));
        assertThat(reader.offset(Map.of("file", "y"))).isNull();
    }

    @Test
    void shouldWriteApacheConnectStandaloneFormat() throws Exception {
        Path file = dir.resolve("offsets");
        OffsetCodec codec = new OffsetCodec();
        FileOffsetStore store = new FileOffsetStore(file);
        store.start();
        store.set(Map.of(codec.key("conn", Map.of("p", 1)), codec.value(Map.of("o", 2))));
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            Map<?, ?> raw = (Map<?, ?>) in.readObject();
            Map.Entry<?, ?> e = raw.entrySet().iterator().next();
            assertThat(new String((byte[]) e.getKey(), StandardCharsets.UTF_8)).isEqualTo("[\"conn\",{\"p\":1}]");
            assertThat(new String((byte[]) e.getValue(), StandardCharsets.UTF_8)).isEqualTo("{\"o\":2}");
        }
    }

    @Test
    void shouldDeleteOnNullValueAndRejectForeignFiles() throws Exception {
        Path file = dir.resolve("offsets");
        OffsetCodec codec = new OffsetCodec();
        FileOffsetStore store = new FileOffsetStore(file);
        store.start();
        var key = codec.key("c", Map.of("p", 1));
        store.set(Map.of(key, codec.value(Map.of("o", 1))));
        Map<java.nio.ByteBuffer, java.nio.ByteBuffer> delete = new HashMap<>();
        delete.put(key, null);
        store.set(delete);
        assertThat(store.get(List.of(key))).isEmpty();

        Path junk = dir.resolve("junk");
        Files.writeString(junk, "not an offset file");
        assertThatThrownBy(() -> new FileOffsetStore(junk).start()).hasMessageContaining(junk.toString())
                .hasMessageContaining("Move it aside");
    }
}
