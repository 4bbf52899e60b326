package dev.rill.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rill's promise for a Kafka Streams application: it ports by changing its imports and {@code KafkaStreams} to
 * {@code RillStreams}. Each quick-start app here is checked against the Kafka Streams program it was ported from:
 * once package, imports and comments are set aside and {@code RillStreams} is read as {@code KafkaStreams}, the two
 * sources are the same, character for character.
 */
class PortedByImportsTest {
    @ParameterizedTest
    @ValueSource(strings = {"PipeApp", "LineSplitApp", "WordCountApp", "PageViewRegionApp"})
    void theRillAppIsTheKafkaStreamsProgramWithOtherImports(String app) throws IOException {
        String rill = code(Path.of("src/main/java/dev/rill/examples/quickstart", app + ".java"))
                .replace("RillStreams", "KafkaStreams");
        String kafkaStreams = code(Path.of("src/test/java/dev/rill/examples/quickstart/apache", app + ".java"));
        assertThat(rill).as("the body of %s", app).contains("KafkaStreams").isEqualTo(kafkaStreams);
    }

    /** The source without package and import lines and without comments, blank lines dropped. */
    private static String code(Path file) throws IOException {
        String source = Files.readString(file)
                .replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("(?m)//.*$", "");
        return source.lines()
                .filter(line -> !line.startsWith("package ") && !line.startsWith("import "))
                .filter(line -> !line.isBlank())
                .collect(Collectors.joining("\n"));
    }
}
