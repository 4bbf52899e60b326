package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code KStream.print} writes the same lines as Kafka Streams 4.3.1: default label, own label, own mapper. */
class PrintDifferentialTest {
    @TempDir
    Path dir;

    @Test
    void printsTheSameLinesAsKafkaStreams() throws IOException {
        String[][] input = {{"a", "1"}, {null, "2"}, {"b", null}, {"a", "3"}};
        Path rillDefault = dir.resolve("rill-default.txt");
        Path rillLabelled = dir.resolve("rill-labelled.txt");
        dev.rill.streams.StreamsBuilder rill = new dev.rill.streams.StreamsBuilder();
        dev.rill.streams.kstream.KStream<String, String> rs = rill.stream("in");
        rs.print(dev.rill.streams.kstream.Printed.toFile(rillDefault.toString()));
        rs.filter((k, v) -> v != null).print(dev.rill.streams.kstream.Printed.<String, String>toFile(rillLabelled.toString())
                .withLabel("values").withKeyValueMapper((k, v) -> k + "=" + v.length()));

        Path ksDefault = dir.resolve("ks-default.txt");
        Path ksLabelled = dir.resolve("ks-labelled.txt");
        org.apache.kafka.streams.StreamsBuilder ks = new org.apache.kafka.streams.StreamsBuilder();
        org.apache.kafka.streams.kstream.KStream<String, String> s = ks.stream("in");
        s.print(org.apache.kafka.streams.kstream.Printed.toFile(ksDefault.toString()));
        s.filter((k, v) -> v != null).print(org.apache.kafka.streams.kstream.Printed.<String, String>toFile(ksLabelled.toString())
                .withLabel("values").withKeyValueMapper((k, v) -> k + "=" + v.length()));

        try (var driver = new dev.rill.streams.test.TopologyTestDriver(rill.build(), props("rill"))) {
            var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (String[] r : input) {
                in.pipeInput(r[0], r[1]);
            }
        }
        try (var driver = new org.apache.kafka.streams.TopologyTestDriver(ks.build(), props("kafka-streams"))) {
            var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (String[] r : input) {
                in.pipeInput(r[0], r[1]);
            }
        }
        assertThat(Files.readAllLines(ksDefault)).hasSize(4);
        assertThat(Files.readAllLines(rillDefault)).isEqualTo(Files.readAllLines(ksDefault));
        assertThat(Files.readAllLines(rillLabelled)).isEqualTo(Files.readAllLines(ksLabelled))
                .containsExactly("[values]: a=1", "[values]: null=1", "[values]: a=1");
    }

    @Test
    void aFileThatCannotBeOpenedIsATopologyError() {
        String path = dir.resolve("no-such-dir").resolve("out.txt").toString();
        assertThatThrownBy(() -> dev.rill.streams.kstream.Printed.toFile(path))
                .isInstanceOf(dev.rill.streams.errors.TopologyException.class)
                .hasMessageContaining("Unable to write stream to file at [" + path + "]");
    }

    private Properties props(String name) {
        Properties p = new Properties();
        p.put("application.id", "print-diff");
        p.put("bootstrap.servers", "unused:9092");
        p.put("default.key.serde", Serdes.StringSerde.class);
        p.put("default.value.serde", Serdes.StringSerde.class);
        p.put("state.dir", dir.resolve("state-" + name).toString());
        return p;
    }
}
