package dev.rill.streams.test.diff;

import java.time.Duration;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The Processor API on Rill and on Apache Kafka Streams: named-child forwarding, record metadata, stream time,
 * stream-time and wall-clock punctuation, cancellation, all with the same input must give the same output.
 */
class ProcessorApiDifferentialTest {

    static final class RillProc implements dev.rill.streams.processor.api.Processor<String, String, String, String> {
        private dev.rill.streams.processor.api.ProcessorContext<String, String> ctx;
        private dev.rill.streams.processor.Cancellable wall;
        private int wallFired;

        @Override
        public void init(dev.rill.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            c.schedule(Duration.ofMillis(10), dev.rill.streams.processor.PunctuationType.STREAM_TIME,
                    ts -> ctx.forward(new dev.rill.streams.processor.api.Record<>("stream-punct", "at " + ts, ts), "s1"));
            wall = c.schedule(Duration.ofSeconds(1), dev.rill.streams.processor.PunctuationType.WALL_CLOCK_TIME, ts -> {
                ctx.forward(new dev.rill.streams.processor.api.Record<>("wall-punct", "at " + ts, ts), "s2");
                if (++wallFired == 3) {
                    wall.cancel();
                }
            });
        }

        @Override
        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
            var md = ctx.recordMetadata().orElseThrow();
            String v = r.value() + "|" + md.topic() + "-" + md.partition() + "@" + md.offset() + "|st="
                    + ctx.currentStreamTimeMs() + "|app=" + ctx.applicationId() + "|task=" + ctx.taskId();
            if (r.key() != null && r.key().startsWith("a")) {
                ctx.forward(r.withValue(v), "s1");
            } else {
                ctx.forward(r.withValue(v).withKey(r.key() + "'"));
            }
        }
    }

    static final class ApacheProc implements org.apache.kafka.streams.processor.api.Processor<String, String, String, String> {
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> ctx;
        private org.apache.kafka.streams.processor.Cancellable wall;
        private int wallFired;

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            c.schedule(Duration.ofMillis(10), org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME,
                    ts -> ctx.forward(new org.apache.kafka.streams.processor.api.Record<>("stream-punct", "at " + ts, ts), "s1"));
            wall = c.schedule(Duration.ofSeconds(1), org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME, ts -> {
                ctx.forward(new org.apache.kafka.streams.processor.api.Record<>("wall-punct", "at " + ts, ts), "s2");
                if (++wallFired == 3) {
                    wall.cancel();
                }
            });
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
            var md = ctx.recordMetadata().orElseThrow();
            String v = r.value() + "|" + md.topic() + "-" + md.partition() + "@" + md.offset() + "|st="
                    + ctx.currentStreamTimeMs() + "|app=" + ctx.applicationId() + "|task=" + ctx.taskId();
            if (r.key() != null && r.key().startsWith("a")) {
                ctx.forward(r.withValue(v), "s1");
            } else {
                ctx.forward(r.withValue(v).withKey(r.key() + "'"));
            }
        }
    }

    @Test
    void processorForwardingMetadataAndPunctuationsMatch() {
        Differential.papi(
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("proc", RillProc::new, "src")
                                .addSink("s1", "out1", new StringSerializer(), new StringSerializer(), "proc")
                                .addSink("s2", "out2", new StringSerializer(), new StringSerializer(), "proc"),
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("proc", ApacheProc::new, "src")
                                .addSink("s1", "out1", new StringSerializer(), new StringSerializer(), "proc")
                                .addSink("s2", "out2", new StringSerializer(), new StringSerializer(), "proc"))
                .input("in", "a1", "v1", 3)
                .input("in", "b1", "v2", 12, "h", "1")
                .input("in", "a2", "v3", 7)
                .advanceWallClock(Duration.ofMillis(999))
                .advanceWallClock(Duration.ofMillis(1))
                .input("in", "b2", "v4", 45)
                .advanceWallClock(Duration.ofSeconds(5))
                .input("in", "a3", "v5", 46)
                .advanceWallClock(Duration.ofSeconds(1))
                .advanceWallClock(Duration.ofSeconds(1))
                .advanceWallClock(Duration.ofSeconds(1))
                .input("in", "b3", "v6", 100)
                .outputs("out1", "out2")
                .assertSameOutput();
    }

    @Test
    void multiSourceTopologyWithTwoSubtopologiesMatches() {
        Differential.papi(
                        t -> t.addSource("src1", "in1").addSource("src2", "in2")
                                .addProcessor("p1", RillProc::new, "src1", "src2")
                                .addSink("s1", "mid", "p1").addSink("s2", "out2", "p1")
                                .addSource("src3", "mid").addSink("final", "out3", "src3"),
                        t -> t.addSource("src1", "in1").addSource("src2", "in2")
                                .addProcessor("p1", ApacheProc::new, "src1", "src2")
                                .addSink("s1", "mid", "p1").addSink("s2", "out2", "p1")
                                .addSource("src3", "mid").addSink("final", "out3", "src3"))
                .input("in1", "a", "1", 1)
                .input("in2", "b", "2", 30)
                .input("in1", "c", "3", 20)
                .outputs("mid", "out2", "out3")
                .assertSameOutput();
    }
}
