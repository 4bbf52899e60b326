package dev.rill.connect.file;

import static dev.rill.connect.plugintest.WorkerTesting.consume;
import static dev.rill.connect.plugintest.WorkerTesting.workerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file plugin directory on a Rill standalone worker with embedded Kafka; the plugin's classes are not
 * on this test's classpath, the worker loads them from plugin.path.
 */
class FileEndToEndIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path dir;

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "event " + i).toList();
    }

    private static void append(Path file, List<String> lines) throws Exception {
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void pluginClassesComeOnlyFromThePluginDirectory() {
        assertThatThrownBy(() -> Class.forName("dev.rill.connect.file.RillFileSourceConnector"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void restartedSourceContinuesWhereItStoppedAndTheSinkWritesEveryLine() throws Exception {
        Path in = dir.resolve("in.txt");
        Path out = dir.resolve("out.txt");
        String topic = KAFKA.cluster().newTopic("lines", 1);
        Map<String, String> worker = workerProps(KAFKA.bootstrapServers(), dir);
        worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        Map<String, String> source = new HashMap<>(Map.of("name", "file-source-" + topic,
                "connector.class", "RillFileSource", "file", in.toString(), "topic", topic, "batch.size", "7"));
        Map<String, String> sink = new HashMap<>(Map.of("name", "file-sink-" + topic,
                "connector.class", "RillFileSink", "file", out.toString(), "topics", topic));

        append(in, lines(0, 100));
        try (ConnectWorker first = ConnectWorker.builder().workerProperties(worker)
                .connectors(List.of(source)).start()) {
            assertThat(consume(KAFKA.bootstrapServers(), topic, 100)).hasSize(100);
            append(in, lines(100, 130)); // may or may not be read before the worker stops
        }
        append(in, lines(130, 150));
        try (ConnectWorker second = ConnectWorker.builder().workerProperties(worker)
                .connectors(List.of(source, sink)).start()) {
            List<ConsumerRecord<String, String>> records = consume(KAFKA.bootstrapServers(), topic, 150);
            List<String> values = new ArrayList<>();
            records.forEach(r -> values.add(r.value()));
            assertThat(values).containsExactlyElementsOf(lines(0, 150));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(Files.exists(out) ? Files.readAllLines(out) : List.<String>of())
                            .containsExactlyElementsOf(lines(0, 150)));
        }
    }
}
