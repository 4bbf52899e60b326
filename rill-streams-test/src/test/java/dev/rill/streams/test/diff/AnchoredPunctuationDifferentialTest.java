package dev.rill.streams.test.diff;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code schedule(Instant startTime, Duration interval, type, punctuator)} on Rill and on Apache Kafka Streams:
 * stream-time and wall-clock punctuations anchored at starts in the past and in the future fire at the same times.
 * (Both drivers' wall clocks start at 1 000 000 ms.)
 */
class AnchoredPunctuationDifferentialTest {

    static final class RillProc implements dev.rill.streams.processor.api.Processor<String, String, String, String> {
        private dev.rill.streams.processor.api.ProcessorContext<String, String> ctx;

        private void every(String name, long startMs, long intervalMs, dev.rill.streams.processor.PunctuationType type) {
            ctx.schedule(Instant.ofEpochMilli(startMs), Duration.ofMillis(intervalMs), type,
                    ts -> ctx.forward(new dev.rill.streams.processor.api.Record<>(name, "at " + ts, ts)));
        }

        @Override
        public void init(dev.rill.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            every("stream-25", 25, 10, dev.rill.streams.processor.PunctuationType.STREAM_TIME);
            every("stream-0", 0, 7, dev.rill.streams.processor.PunctuationType.STREAM_TIME);
            every("wall-future", 1_000_500, 1000, dev.rill.streams.processor.PunctuationType.WALL_CLOCK_TIME);
            every("wall-past", 998_250, 1000, dev.rill.streams.processor.PunctuationType.WALL_CLOCK_TIME);
        }

        @Override
        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
            ctx.forward(r);
        }
    }

    static final class ApacheProc implements org.apache.kafka.streams.processor.api.Processor<String, String, String, String> {
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> ctx;

        private void every(String name, long startMs, long intervalMs, org.apache.kafka.streams.processor.PunctuationType type) {
            ctx.schedule(Instant.ofEpochMilli(startMs), Duration.ofMillis(intervalMs), type,
                    ts -> ctx.forward(new org.apache.kafka.streams.processor.api.Record<>(name, "at " + ts, ts)));
        }

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            every("stream-25", 25, 10, org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME);
            every("stream-0", 0, 7, org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME);
            every("wall-future", 1_000_500, 1000, org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME);
            every("wall-past", 998_250, 1000, org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME);
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
            ctx.forward(r);
        }
    }

    @Test
    void anchoredPunctuationsFireAtTheSameTimes() {
        Differential.papi(
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("proc", RillProc::new, "src")
                                .addSink("out", "out", new StringSerializer(), new StringSerializer(), "proc"),
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("proc", ApacheProc::new, "src")
                                .addSink("out", "out", new StringSerializer(), new StringSerializer(), "proc"))
                .input("in", "a", "v1", 3)
                .input("in", "b", "v2", 12)
                .input("in", "c", "v3", 26)
                .advanceWallClock(Duration.ofMillis(499))
                .advanceWallClock(Duration.ofMillis(1))
                .input("in", "d", "v4", 7)
                .input("in", "e", "v5", 45)
                .advanceWallClock(Duration.ofMillis(3700))
                .input("in", "f", "v6", 100)
                .advanceWallClock(Duration.ofSeconds(1))
                .outputs("out")
                .assertSameOutput();
    }
}
