package dev.rill.streams.test.diff;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * KTable.suppress vs Apache Kafka Streams 4.3.1: final results of windowed counts (untilWindowCloses) and rate
 * limiting (untilTimeLimit), with out-of-order and late records, headers, and buffers that emit early when full.
 */
class SuppressDifferentialTest {
    private static final Duration TEN = Duration.ofMillis(10);
    private static final Duration FIVE = Duration.ofMillis(5);

    private static Differential input(Differential d) {
        return d.input("in", "a", "1", 1, "h", "one")
                .input("in", "b", "2", 3)
                .input("in", "a", "3", 12, "h", "three")
                .input("in", null, "4", 13)
                .input("in", "a", "5", 8)
                .input("in", "c", "6", 25, "h", "six")
                .input("in", "a", "7", 9)
                .input("in", "b", "8", 19)
                .input("in", "b", "9", 31)
                .input("in", "a", "10", 26)
                .input("in", "c", "11", 14)
                .input("in", "a", "12", 47)
                .input("in", "c", "13", 70);
    }

    @Test
    void untilWindowClosesEmitsTheSameFinalCounts() {
        for (boolean caching : new boolean[] {false, true}) {
            untilWindowCloses(caching);
        }
    }

    private static void untilWindowCloses(boolean caching) {
        input(Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey()
                        .windowedBy(dev.rill.streams.kstream.TimeWindows.ofSizeAndGrace(TEN, FIVE))
                        .count(dev.rill.streams.kstream.Materialized.with(Serdes.String(), Serdes.Long()))
                        .suppress(dev.rill.streams.kstream.Suppressed.untilWindowCloses(
                                dev.rill.streams.kstream.Suppressed.BufferConfig.unbounded()))
                        .toStream().map((k, v) -> dev.rill.streams.KeyValue.pair(
                                k.key() + "@" + k.window().start(), String.valueOf(v))).to("out"),
                b -> b.<String, String>stream("in").groupByKey()
                        .windowedBy(org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(TEN, FIVE))
                        .count(org.apache.kafka.streams.kstream.Materialized.with(Serdes.String(), Serdes.Long()))
                        .suppress(org.apache.kafka.streams.kstream.Suppressed.untilWindowCloses(
                                org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded()))
                        .toStream().map((k, v) -> org.apache.kafka.streams.KeyValue.pair(
                                k.key() + "@" + k.window().start(), String.valueOf(v))).to("out")))
                .caching(caching).outputs("out").assertSameOutput();
    }

    @Test
    void namedSessionSuppressionEmitsTheSameFinalCounts() {
        input(Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey()
                        .windowedBy(dev.rill.streams.kstream.SessionWindows.ofInactivityGapAndGrace(FIVE, FIVE))
                        .count(dev.rill.streams.kstream.Materialized.with(Serdes.String(), Serdes.Long()))
                        .suppress(dev.rill.streams.kstream.Suppressed.untilWindowCloses(
                                dev.rill.streams.kstream.Suppressed.BufferConfig.maxRecords(100).shutDownWhenFull())
                                .withName("final"))
                        .toStream().map((k, v) -> dev.rill.streams.KeyValue.pair(
                                k.key() + "@" + k.window().start() + "/" + k.window().end(), String.valueOf(v)))
                        .to("out"),
                b -> b.<String, String>stream("in").groupByKey()
                        .windowedBy(org.apache.kafka.streams.kstream.SessionWindows.ofInactivityGapAndGrace(FIVE, FIVE))
                        .count(org.apache.kafka.streams.kstream.Materialized.with(Serdes.String(), Serdes.Long()))
                        .suppress(org.apache.kafka.streams.kstream.Suppressed.untilWindowCloses(
                                org.apache.kafka.streams.kstream.Suppressed.BufferConfig.maxRecords(100)
                                        .shutDownWhenFull()).withName("final"))
                        .toStream().map((k, v) -> org.apache.kafka.streams.KeyValue.pair(
                                k.key() + "@" + k.window().start() + "/" + k.window().end(), String.valueOf(v)))
                        .to("out")))
                .caching(false).outputs("out").assertSameOutput();
    }

    @Test
    void untilTimeLimitRateLimitsAPlainTableTheSameWay() {
        input(Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey().count()
                        .suppress(dev.rill.streams.kstream.Suppressed.untilTimeLimit(TEN,
                                dev.rill.streams.kstream.Suppressed.BufferConfig.unbounded()))
                        .toStream().mapValues(String::valueOf).to("out"),
                b -> b.<String, String>stream("in").groupByKey().count()
                        .suppress(org.apache.kafka.streams.kstream.Suppressed.untilTimeLimit(TEN,
                                org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded()))
                        .toStream().mapValues(String::valueOf).to("out")))
                .caching(false).outputs("out").assertSameOutput();
    }

    @Test
    void fullBuffersEmitEarlyAtTheSamePoints() {
        for (int limit = 1; limit <= 2; limit++) {
            long records = limit;
            input(Differential.dsl(
                    b -> b.<String, String>stream("in").groupByKey().count()
                            .suppress(dev.rill.streams.kstream.Suppressed.untilTimeLimit(Duration.ofMillis(100),
                                    dev.rill.streams.kstream.Suppressed.BufferConfig.maxRecords(records)))
                            .toStream().mapValues(String::valueOf).to("out"),
                    b -> b.<String, String>stream("in").groupByKey().count()
                            .suppress(org.apache.kafka.streams.kstream.Suppressed.untilTimeLimit(Duration.ofMillis(100),
                                    org.apache.kafka.streams.kstream.Suppressed.BufferConfig.maxRecords(records)))
                            .toStream().mapValues(String::valueOf).to("out")))
                    .caching(false).outputs("out").assertSameOutput();
        }
        input(Differential.dsl(
                b -> b.<String, String>stream("in").groupByKey().count()
                        .suppress(dev.rill.streams.kstream.Suppressed.untilTimeLimit(Duration.ofMillis(100),
                                dev.rill.streams.kstream.Suppressed.BufferConfig.maxBytes(120)))
                        .toStream().mapValues(String::valueOf).to("out"),
                b -> b.<String, String>stream("in").groupByKey().count()
                        .suppress(org.apache.kafka.streams.kstream.Suppressed.untilTimeLimit(Duration.ofMillis(100),
                                org.apache.kafka.streams.kstream.Suppressed.BufferConfig.maxBytes(120)))
                        .toStream().mapValues(String::valueOf).to("out")))
                .caching(false).outputs("out").assertSameOutput();
    }
}
