package dev.rill.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.connect.file.internal.FileSourceTask;
import dev.rill.connect.plugintest.FakeSourceContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTaskTest {
    @TempDir
    Path dir;

    private static void append(Path file, List<String> lines) throws Exception {
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line-" + i).toList();
    }

    private static List<SourceRecord> pollAll(FileSourceTask task) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        List<SourceRecord> batch;
        while ((batch = task.poll()) != null) {
            all.addAll(batch);
        }
        return all;
    }

    private static List<Object> values(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::value).toList();
    }

    @Test
    void shouldResumeAfterRestartWithoutLossOrDuplicatesWhileTheFileGrows() throws Exception {
        Path file = dir.resolve("events.txt");
        Map<String, String> props = Map.of("file", file.toString(), "topic", "events", "batch.size", "7");
        FakeSourceContext context = new FakeSourceContext(props);
        append(file, lines(0, 20));

        FileSourceTask first = new FileSourceTask();
        first.initialize(context);
        first.start(props);
        List<SourceRecord> firstBatch = first.poll();
        context.commit(firstBatch);                 // only the first batch was acknowledged
        List<SourceRecord> unacknowledged = first.poll();
        assertThat(unacknowledged).hasSize(7);
        first.stop();                                // crash before the second batch's offsets were stored

        append(file, lines(20, 30));
        FileSourceTask second = new FileSourceTask();
        second.initialize(context);
        second.start(props);
        List<SourceRecord> rest = pollAll(second);
        second.stop();

        List<Object> seen = new ArrayList<>(values(firstBatch));
        seen.addAll(values(rest));
        assertThat(seen).containsExactlyElementsOf(lines(0, 30));
        assertThat(rest.get(rest.size() - 1).sourceOffset()).isEqualTo(Map.of("position", Files.size(file)));
        assertThat(rest.get(0).sourcePartition()).isEqualTo(Map.of("filename", file.toString()));
        assertThat(rest.get(0).topic()).isEqualTo("events");
    }

    @Test
    void shouldReturnNullWhenNothingNewAndPickUpAppendedLines() throws Exception {
        Path file = dir.resolve("grow.txt");
        Map<String, String> props = Map.of("file", file.toString(), "topic", "t");
        FileSourceTask task = new FileSourceTask();
        task.initialize(new FakeSourceContext(props));
        task.start(props);
        assertThat(task.poll()).isNull();
        append(file, List.of("one"));
        assertThat(values(task.poll())).containsExactly("one");
        task.stop();
        assertThat(task.poll()).isNull();
    }

    @Test
    void shouldRejectAMissingFileAndTopicInOneError() {
        FileSourceTask task = new FileSourceTask();
        task.initialize(new FakeSourceContext(Map.of()));
        assertThatThrownBy(() -> task.start(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("file");
    }
}
