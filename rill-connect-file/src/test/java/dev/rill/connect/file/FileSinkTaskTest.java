package dev.rill.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.connect.file.internal.FileSinkTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTaskTest {
    @TempDir
    Path dir;

    private static SinkRecord record(long offset, Object value) {
        return new SinkRecord("t", 0, null, null, Schema.OPTIONAL_STRING_SCHEMA, value, offset);
    }

    @Test
    void shouldWriteOneLinePerValueAndMakeThemVisibleOnFlush() throws Exception {
        Path file = dir.resolve("sub/out.txt");
        FileSinkTask task = new FileSinkTask();
        task.start(Map.of("file", file.toString()));
        task.put(List.of(record(0, "a"), record(1, null), record(2, "b".getBytes(StandardCharsets.UTF_8)),
                record(3, 42)));
        task.flush(Map.of());
        assertThat(Files.readAllLines(file)).containsExactly("a", "b", "42");
        task.stop();
    }

    @Test
    void shouldAppendToAnExistingFileAcrossRestarts() throws Exception {
        Path file = dir.resolve("out.txt");
        for (String value : List.of("first", "second")) {
            FileSinkTask task = new FileSinkTask();
            task.start(Map.of("file", file.toString()));
            task.put(List.of(record(0, value)));
            task.flush(Map.of());
            task.stop();
        }
        assertThat(Files.readAllLines(file)).containsExactly("first", "second");
    }
}
