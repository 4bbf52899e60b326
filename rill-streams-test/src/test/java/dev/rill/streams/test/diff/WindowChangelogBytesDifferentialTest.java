package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The changelog records of window and session stores are byte for byte those of Kafka Streams 4.3.1 (store key
 * layouts, sequence numbers of duplicates, tombstones), so a changelog written by one restores the other's store.
 */
class WindowChangelogBytesDifferentialTest {
    private static final Duration RETENTION = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private Properties props(String sub) throws Exception {
        Properties p = new Properties();
        p.put("application.id", "bytes-app");
        p.put("bootstrap.servers", "dummy:9092");
        p.put("state.dir", Files.createDirectories(dir.resolve(sub)).toString());
        return p;
    }

    private static final String[][] WINDOW_INPUT = {
        {"a", "put 0 v1; put 10000 v2; put 0 v3"},
        {"bb", "put 70000 w1; put 70000 -"},
        {"a", "put 10000 -; put 130000 v4"},
    };

    private static final String[][] SESSION_INPUT = {
        {"a", "put 0 10 s1; put 20 30 s2"},
        {"bb", "put 5 40 b1; remove 5 40"},
        {"a", "put 20 30 -; put 100 70000 s3"},
    };

    @ParameterizedTest(name = "{0} duplicates={1}")
    @CsvSource({"window,false", "window,true", "session,false"})
    void changelogRecordsAreKafkaStreamsBytes(String kind, boolean duplicates) throws Exception {
        boolean session = kind.equals("session");
        String[][] input = session ? SESSION_INPUT : WINDOW_INPUT;

        dev.rill.streams.state.StoreBuilder<?> rillStore = session
                        ? dev.rill.streams.state.Stores.sessionStoreBuilder(
                                dev.rill.streams.state.Stores.persistentSessionStore("store", RETENTION),
                                Serdes.String(), Serdes.String())
                        : dev.rill.streams.state.Stores.windowStoreBuilder(
                                dev.rill.streams.state.Stores.persistentWindowStore("store", RETENTION,
                                        Duration.ofSeconds(10), duplicates), Serdes.String(), Serdes.String());
        dev.rill.streams.Topology rill = new dev.rill.streams.Topology()
                .addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                .addProcessor("proc", () -> new WindowSessionStoreDifferentialTest.RillProc(session), "src")
                .addStateStore(rillStore, "proc");
        List<String> rillLog = new ArrayList<>();
        try (dev.rill.streams.test.TopologyTestDriver driver = new dev.rill.streams.test.TopologyTestDriver(rill,
                props("rill"))) {
            var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (String[] r : input) {
                in.pipeInput(r[0], r[1]);
            }
            driver.createOutputTopic("bytes-app-store-changelog", new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).readRecordsToList()
                    .forEach(r -> rillLog.add(hex(r.key()) + " -> " + hex(r.value())));
        }

        org.apache.kafka.streams.state.StoreBuilder<?> apacheStore = session
                ? org.apache.kafka.streams.state.Stores.sessionStoreBuilder(
                        org.apache.kafka.streams.state.Stores.persistentSessionStore("store", RETENTION),
                        Serdes.String(), Serdes.String())
                : org.apache.kafka.streams.state.Stores.windowStoreBuilder(
                                org.apache.kafka.streams.state.Stores.persistentWindowStore("store", RETENTION,
                                        Duration.ofSeconds(10), duplicates), Serdes.String(), Serdes.String());
        org.apache.kafka.streams.Topology apache = new org.apache.kafka.streams.Topology()
                .addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                .addProcessor("proc", () -> new WindowSessionStoreDifferentialTest.ApacheProc(session), "src")
                .addStateStore(apacheStore, "proc");
        List<String> apacheLog = new ArrayList<>();
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(
                apache, props("apache"))) {
            var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (String[] r : input) {
                in.pipeInput(r[0], r[1]);
            }
            driver.createOutputTopic("bytes-app-store-changelog", new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).readRecordsToList()
                    .forEach(r -> apacheLog.add(hex(r.key()) + " -> " + hex(r.value())));
        }
        assertThat(apacheLog).as("Kafka Streams wrote a changelog, so the comparison means something").isNotEmpty();
        assertThat(rillLog).as("changelog records (store key -> value), Rill vs Kafka Streams")
                .containsExactlyElementsOf(apacheLog);
    }

    private static String hex(byte[] b) {
        return b == null ? "null" : HexFormat.of().formatHex(b);
    }
}
