package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.test.TopologyTestDriver;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The records a stream-stream join drops — null values, null keys on an inner side, records too late for the window
 * stores — count in {@code dropped-records-total} on Rill as in Kafka Streams 4.3.1 (its task-level metric, summed).
 */
class StreamStreamJoinDroppedRecordsTest {

    private static final Object[][] INPUT = {
        {"left", "a", "a1", 100L},
        {"left", null, "n1", 101L},   // dropped by inner sides, joined with null at once by outer sides
        {"right", null, "N1", 102L},
        {"left", "a", null, 103L},    // null values: dropped everywhere
        {"right", "a", null, 104L},
        {"right", "a", "A1", 105L},
        {"left", "b", "b1", 300L},
        {"right", "b", "B0", 10L},    // far behind stream time: too late for the window store
        {"left", "b", "b0", 12L},
    };

    private static Properties props() throws Exception {
        Properties p = new Properties();
        p.put("application.id", "dropped-app");
        p.put("bootstrap.servers", "dummy:9092");
        p.put("default.key.serde", Serdes.StringSerde.class);
        p.put("default.value.serde", Serdes.StringSerde.class);
        p.put("state.dir", Files.createTempDirectory("rill-dropped-").toString());
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StreamStreamJoinDifferentialTest.Kind.class)
    void droppedRecordsAreCountedAsInKafkaStreams(StreamStreamJoinDifferentialTest.Kind kind) throws Exception {
        var rb = new dev.rill.streams.StreamsBuilder();
        var rl = rb.<String, String>stream("left");
        var rr = rb.<String, String>stream("right");
        var rw = dev.rill.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10),
                Duration.ofMillis(5));
        (switch (kind) {
            case INNER -> rl.join(rr, (l, r) -> l + r, rw);
            case LEFT -> rl.leftJoin(rr, (l, r) -> l + r, rw);
            case OUTER -> rl.outerJoin(rr, (l, r) -> l + r, rw);
        }).to("out");
        var ab = new org.apache.kafka.streams.StreamsBuilder();
        var al = ab.<String, String>stream("left");
        var ar = ab.<String, String>stream("right");
        var aw = org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10),
                Duration.ofMillis(5));
        (switch (kind) {
            case INNER -> al.join(ar, (l, r) -> l + r, aw);
            case LEFT -> al.leftJoin(ar, (l, r) -> l + r, aw);
            case OUTER -> al.outerJoin(ar, (l, r) -> l + r, aw);
        }).to("out");

        long rill;
        try (TopologyTestDriver driver = new TopologyTestDriver(rb.build(), props(), Instant.ofEpochMilli(0))) {
            var left = driver.createInputTopic("left", new StringSerializer(), new StringSerializer());
            var right = driver.createInputTopic("right", new StringSerializer(), new StringSerializer());
            for (Object[] r : INPUT) {
                (r[0].equals("left") ? left : right).pipeInput((String) r[1], (String) r[2], (Long) r[3]);
            }
            rill = driver.droppedRecords();
        }
        double apache;
        try (var driver = new org.apache.kafka.streams.TopologyTestDriver(ab.build(), props(),
                Instant.ofEpochMilli(0))) {
            var left = driver.createInputTopic("left", new StringSerializer(), new StringSerializer());
            var right = driver.createInputTopic("right", new StringSerializer(), new StringSerializer());
            for (Object[] r : INPUT) {
                (r[0].equals("left") ? left : right).pipeInput((String) r[1], (String) r[2], (Long) r[3]);
            }
            apache = driver.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("dropped-records-total")
                            && e.getKey().group().equals("stream-task-metrics"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
        }
        assertThat(apache).as("Kafka Streams dropped something, so the comparison means something").isPositive();
        assertThat((double) rill).as("dropped-records-total, Rill vs Kafka Streams").isEqualTo(apache);
    }
}
