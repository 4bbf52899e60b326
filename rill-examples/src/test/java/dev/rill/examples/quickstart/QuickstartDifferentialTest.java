package dev.rill.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.streams.StreamsConfig;

/**
 * Each ported quick-start app and the Kafka Streams 4.3.1 program it came from run through their own
 * {@code TopologyTestDriver} on the same seeded input — null keys, repeated keys, out-of-order timestamps, headers,
 * and for tables tombstones and updates — and must write the same records: key, value, timestamp, headers, in order.
 * Each case runs with the record cache off and on.
 */
class QuickstartDifferentialTest {
    private static final String[] WORDS = {"Kafka", "streams", "RILL", "the", "a", "join", "Count", "words"};

    @TempDir
    Path stateDir;

    @Test
    void pipe() {
        List<In> input = lines(PipeApp.INPUT_TOPIC, 11, 300, true);
        for (long cache : new long[] {0, 10 * 1024 * 1024}) {
            assertSame(PipeApp::buildTopology, dev.rill.examples.quickstart.apache.PipeApp::buildTopology,
                    input, PipeApp.OUTPUT_TOPIC, new StringDeserializer(), cache);
        }
    }

    @Test
    void lineSplit() {
        List<In> input = lines(LineSplitApp.INPUT_TOPIC, 12, 300, false);
        for (long cache : new long[] {0, 10 * 1024 * 1024}) {
            assertSame(LineSplitApp::buildTopology, dev.rill.examples.quickstart.apache.LineSplitApp::buildTopology,
                    input, LineSplitApp.OUTPUT_TOPIC, new StringDeserializer(), cache);
        }
    }

    @Test
    void wordCount() {
        List<In> input = lines(WordCountApp.INPUT_TOPIC, 13, 300, false);
        for (long cache : new long[] {0, 10 * 1024 * 1024}) {
            assertSame(WordCountApp::buildTopology, dev.rill.examples.quickstart.apache.WordCountApp::buildTopology,
                    input, WordCountApp.OUTPUT_TOPIC, new LongDeserializer(), cache);
        }
    }

    @Test
    void pageViewsPerRegion() {
        Random random = new Random(14);
        String[] users = {"alice", "bob", "carol", "dave", "erin", null};
        String[] regions = {"EU", "US", "APAC", null};
        List<In> input = new ArrayList<>();
        long time = 10_000;
        for (int i = 0; i < 400; i++) {
            time += random.nextInt(50) - 15; // mostly forward, sometimes back
            String user = users[random.nextInt(users.length)];
            if (random.nextInt(4) == 0) {
                String region = regions[random.nextInt(regions.length)]; // null: the user's region is deleted
                if (user != null) {
                    input.add(new In(PageViewRegionApp.USER_REGIONS_TOPIC, user, region, time, headers(random)));
                }
            } else {
                input.add(new In(PageViewRegionApp.PAGE_VIEWS_TOPIC, user, "/page/" + random.nextInt(20), time,
                        headers(random)));
            }
        }
        for (long cache : new long[] {0, 10 * 1024 * 1024}) {
            assertSame(PageViewRegionApp::buildTopology,
                    dev.rill.examples.quickstart.apache.PageViewRegionApp::buildTopology,
                    input, PageViewRegionApp.OUTPUT_TOPIC, new LongDeserializer(), cache);
        }
    }

    private <V> void assertSame(Consumer<dev.rill.streams.StreamsBuilder> rillApp,
            Consumer<org.apache.kafka.streams.StreamsBuilder> kafkaStreamsApp, List<In> input, String outputTopic,
            Deserializer<V> valueDeserializer, long cacheBytes) {
        List<Out> expected = runKafkaStreams(kafkaStreamsApp, input, outputTopic, valueDeserializer, cacheBytes);
        List<Out> actual = runRill(rillApp, input, outputTopic, valueDeserializer, cacheBytes);
        assertThat(expected).as("Kafka Streams wrote something, so the comparison means something").isNotEmpty();
        assertThat(actual).as("%s with a %d-byte cache (Rill vs Kafka Streams 4.3.1)", outputTopic, cacheBytes)
                .containsExactlyElementsOf(expected);
    }

    private Properties props(long cacheBytes, String driver) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "quickstart-diff");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, org.apache.kafka.common.serialization.Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, org.apache.kafka.common.serialization.Serdes.StringSerde.class);
        props.put("statestore.cache.max.bytes", Long.toString(cacheBytes));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(driver + "-" + cacheBytes).toString());
        return props;
    }

    private <V> List<Out> runRill(Consumer<dev.rill.streams.StreamsBuilder> app, List<In> input, String outputTopic,
            Deserializer<V> valueDeserializer, long cacheBytes) {
        dev.rill.streams.StreamsBuilder builder = new dev.rill.streams.StreamsBuilder();
        app.accept(builder);
        List<Out> out = new ArrayList<>();
        try (dev.rill.streams.test.TopologyTestDriver driver = new dev.rill.streams.test.TopologyTestDriver(
                builder.build(), props(cacheBytes, "rill"), Instant.ofEpochMilli(1_000_000))) {
            for (In in : input) {
                driver.createInputTopic(in.topic(), new StringSerializer(), new StringSerializer())
                        .pipeInput(new dev.rill.streams.test.TestRecord<>(in.key(), in.value(), copy(in.headers()),
                                in.timestamp()));
            }
            for (var r : driver.createOutputTopic(outputTopic, new StringDeserializer(), valueDeserializer)
                    .readRecordsToList()) {
                out.add(new Out(r.key(), String.valueOf(r.value()), r.timestamp(), text(r.headers())));
            }
        }
        return out;
    }

    private <V> List<Out> runKafkaStreams(Consumer<org.apache.kafka.streams.StreamsBuilder> app, List<In> input,
            String outputTopic, Deserializer<V> valueDeserializer, long cacheBytes) {
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        app.accept(builder);
        List<Out> out = new ArrayList<>();
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(
                builder.build(), props(cacheBytes, "kafka-streams"), Instant.ofEpochMilli(1_000_000))) {
            for (In in : input) {
                driver.createInputTopic(in.topic(), new StringSerializer(), new StringSerializer())
                        .pipeInput(new org.apache.kafka.streams.test.TestRecord<>(in.key(), in.value(),
                                copy(in.headers()), in.timestamp()));
            }
            for (var r : driver.createOutputTopic(outputTopic, new StringDeserializer(), valueDeserializer)
                    .readRecordsToList()) {
                out.add(new Out(r.key(), String.valueOf(r.value()), r.timestamp(), text(r.headers())));
            }
        }
        return out;
    }

    /** Lines of words with null and repeated keys, timestamps that go back now and then, headers on some. */
    private static List<In> lines(String topic, long seed, int count, boolean withNullValues) {
        Random random = new Random(seed);
        String[] keys = {"k1", "k2", "k3", null};
        List<In> input = new ArrayList<>();
        long time = 5_000;
        for (int i = 0; i < count; i++) {
            time += random.nextInt(40) - 10;
            StringBuilder line = new StringBuilder();
            int words = 1 + random.nextInt(6);
            for (int w = 0; w < words; w++) {
                line.append(w == 0 ? "" : random.nextBoolean() ? " " : ", ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            String value = withNullValues && random.nextInt(10) == 0 ? null : line.toString();
            input.add(new In(topic, keys[random.nextInt(keys.length)], value, time, headers(random)));
        }
        return input;
    }

    private static Headers headers(Random random) {
        RecordHeaders headers = new RecordHeaders();
        if (random.nextInt(3) == 0) {
            headers.add("trace", ("t" + random.nextInt(100)).getBytes(StandardCharsets.UTF_8));
        }
        if (random.nextInt(5) == 0) {
            headers.add("source", null);
        }
        return headers;
    }

    private static Headers copy(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        headers.forEach(h -> copy.add(h.key(), h.value()));
        return copy;
    }

    private static String text(Headers headers) {
        List<String> parts = new ArrayList<>();
        for (Header h : headers) {
            parts.add(h.key() + "=" + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8)));
        }
        return String.join(",", parts);
    }

    private record In(String topic, String key, String value, long timestamp, Headers headers) {
    }

    private record Out(String key, String value, long timestamp, String headers) {
    }

}
