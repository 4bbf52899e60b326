package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Records too late for their windows, and records with a null key, are counted in the dropped-records metric: the
 * same number as Kafka Streams 4.3.1's task-level {@code dropped-records-total}.
 */
class WindowedDroppedRecordsTest {
    private static final Duration TEN = Duration.ofMillis(10);

    /** Hopping windows (a late record can miss two windows), a null key, and late session and sliding records. */
    private static final Object[][] INPUT = {
            {"a", 5L}, {"a", 40L}, {"a", 3L}, {null, 41L}, {"b", 12L}, {"b", 38L}, {"a", 60L}, {"c", 49L}};

    @Test
    void shouldCountTheSameDroppedRecordsAsKafkaStreams() throws Exception {
        dev.rill.streams.StreamsBuilder rill = new dev.rill.streams.StreamsBuilder();
        var rillGrouped = rill.<String, String>stream("in").groupByKey();
        rillGrouped.windowedBy(dev.rill.streams.kstream.TimeWindows.ofSizeAndGrace(TEN, Duration.ofMillis(2))
                .advanceBy(Duration.ofMillis(5))).count();
        rillGrouped.windowedBy(dev.rill.streams.kstream.SessionWindows.ofInactivityGapAndGrace(TEN, Duration.ZERO))
                .count();
        rillGrouped.windowedBy(dev.rill.streams.kstream.SlidingWindows.ofTimeDifferenceAndGrace(TEN, Duration.ZERO))
                .count();

        org.apache.kafka.streams.StreamsBuilder apache = new org.apache.kafka.streams.StreamsBuilder();
        var apacheGrouped = apache.<String, String>stream("in").groupByKey();
        apacheGrouped.windowedBy(org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(TEN, Duration.ofMillis(2))
                .advanceBy(Duration.ofMillis(5))).count();
        apacheGrouped.windowedBy(org.apache.kafka.streams.kstream.SessionWindows.ofInactivityGapAndGrace(TEN,
                Duration.ZERO)).count();
        apacheGrouped.windowedBy(org.apache.kafka.streams.kstream.SlidingWindows.ofTimeDifferenceAndGrace(TEN,
                Duration.ZERO)).count();

        long rillDropped;
        try (var driver = new dev.rill.streams.test.TopologyTestDriver(rill.build(), props(), Instant.EPOCH)) {
            var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (Object[] r : INPUT) {
                in.pipeInput((String) r[0], "v", (Long) r[1]);
            }
            rillDropped = driver.droppedRecords();
        }
        double apacheDropped;
        try (var driver = new org.apache.kafka.streams.TopologyTestDriver(apache.build(), props(), Instant.EPOCH)) {
            var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (Object[] r : INPUT) {
                in.pipeInput((String) r[0], "v", (Long) r[1]);
            }
            apacheDropped = driver.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("dropped-records-total")
                            && e.getKey().group().equals("stream-task-metrics"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
        }
        assertThat(apacheDropped).as("the reference dropped records, so the comparison means something").isPositive();
        assertThat((double) rillDropped).as("dropped-records (Rill vs Kafka Streams)").isEqualTo(apacheDropped);
    }

    private static Properties props() throws Exception {
        Properties p = new Properties();
        p.put("application.id", "dropped");
        p.put("bootstrap.servers", "dummy:9092");
        p.put("default.key.serde", Serdes.StringSerde.class.getName());
        p.put("default.value.serde", Serdes.StringSerde.class.getName());
        p.put("statestore.cache.max.bytes", "0");
        Path dir = Files.createTempDirectory("rill-dropped-");
        dir.toFile().deleteOnExit();
        p.put("state.dir", dir.toString());
        return p;
    }
}
