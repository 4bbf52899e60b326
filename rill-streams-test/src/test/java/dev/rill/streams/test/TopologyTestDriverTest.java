package dev.rill.streams.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.errors.LogAndContinueExceptionHandler;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** The driver's own features: several partitions per topic, partition routing, feedback of repartition topics. */
class TopologyTestDriverTest {

    static Properties props() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return p;
    }

    /** Tags each value with the task and source partition that processed it. */
    static final class TagTask implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> ctx;

        @Override
        public void init(ProcessorContext<String, String> context) {
            ctx = context;
        }

        @Override
        public void process(Record<String, String> r) {
            ctx.forward(r.withValue(r.value() + "|task=" + ctx.taskId() + "|p="
                    + ctx.recordMetadata().orElseThrow().partition()));
        }
    }

    private static int murmurPartition(String key, int n) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % n;
    }

    @Test
    void keyedInputGoesToTheKeysPartitionAndItsOwnTask() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").process(TagTask::new).to("out");
        try (TopologyTestDriver d = new TopologyTestDriver(b.build(), props(), Map.of("in", 4))) {
            TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            for (String key : List.of("alpha", "beta", "gamma", "delta", "epsilon")) {
                in.pipeInput(key, "v");
                int p = murmurPartition(key, 4);
                assertThat(out.readValue()).isEqualTo("v|task=0_" + p + "|p=" + p);
            }
        }
    }

    @Test
    void pipeInputToPartitionChoosesThePartitionAndRejectsMissingOnes() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").process(TagTask::new).to("out");
        try (TopologyTestDriver d = new TopologyTestDriver(b.build(), props(), Map.of("in", 3))) {
            TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            in.pipeInputToPartition(2, "k", "v");
            assertThat(out.readValue()).isEqualTo("v|task=0_2|p=2");
            assertThatThrownBy(() -> in.pipeInputToPartition(3, "k", "v"))
                    .hasMessageContaining("Partition 3 does not exist").hasMessageContaining("has 3 partition(s)");
        }
    }

    @Test
    void eachTaskHasItsOwnStreamTimeAndPunctuations() {
        Topology t = new Topology().addSource("src", "in").addProcessor("p", () -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> ctx;

            @Override
            public void init(ProcessorContext<String, String> c) {
                ctx = c;
                c.schedule(Duration.ofMillis(100), PunctuationType.STREAM_TIME,
                        ts -> ctx.forward(new Record<>("punct-" + ctx.taskId(), "st=" + ts, ts)));
            }

            @Override
            public void process(Record<String, String> r) {
            }
        }, "src").addSink("sink", "out", "p");
        try (TopologyTestDriver d = new TopologyTestDriver(t, props(), Map.of("in", 2))) {
            TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            in.pipeInputToPartition(0, "a", "x", 50);
            in.pipeInputToPartition(1, "b", "x", 250);
            in.pipeInputToPartition(0, "a", "x", 120);
            assertThat(out.readKeyValuesToList()).containsExactly(
                    KeyValue.pair("punct-0_0", "st=50"),
                    KeyValue.pair("punct-0_1", "st=250"),
                    KeyValue.pair("punct-0_0", "st=120"));
        }
    }

    @Test
    void repartitionTopicIsFedBackToTheTaskOfTheNewKeysPartition() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").selectKey((k, v) -> v)
                .repartition(Repartitioned.<String, String>as("by-value").withNumberOfPartitions(3))
                .process(TagTask::new).to("out");
        try (TopologyTestDriver d = new TopologyTestDriver(b.build(), props(), Map.of("in", 2))) {
            TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            TestOutputTopic<String, String> rep = d.createOutputTopic("app-by-value-repartition",
                    new StringDeserializer(), new StringDeserializer());
            for (String v : List.of("red", "green", "blue", "cyan")) {
                in.pipeInput("k-" + v, v);
                int p = murmurPartition(v, 3);
                TestRecord<String, String> r = rep.readRecord();
                assertThat(r.partition()).isEqualTo(p);
                assertThat(out.readKeyValue()).isEqualTo(KeyValue.pair(v, v + "|task=1_" + p + "|p=" + p));
            }
            assertThat(d.producedTopicNames()).contains("app-by-value-repartition", "out");
        }
    }

    @Test
    void wallClockPunctuationFiresOnlyWhenTheDriverClockAdvances() {
        Topology t = new Topology().addSource("src", "in").addProcessor("p", () -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> ctx;

            @Override
            public void init(ProcessorContext<String, String> c) {
                ctx = c;
                c.schedule(Duration.ofSeconds(10), PunctuationType.WALL_CLOCK_TIME,
                        ts -> ctx.forward(new Record<>("tick", String.valueOf(ts), ts)));
            }

            @Override
            public void process(Record<String, String> r) {
            }
        }, "src").addSink("sink", "out", "p");
        try (TopologyTestDriver d = new TopologyTestDriver(t, props(), Instant.ofEpochMilli(0))) {
            TestOutputTopic<String, String> out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            d.advanceWallClockTime(Duration.ofSeconds(9));
            assertThat(out.isEmpty()).isTrue();
            d.advanceWallClockTime(Duration.ofSeconds(1));
            assertThat(out.readValue()).isEqualTo("10000");
            d.advanceWallClockTime(Duration.ofSeconds(35));
            assertThat(out.readValuesToList()).containsExactly("45000");
        }
    }

    @Test
    void poisonRecordFailsWithDefaultHandlerAndIsSkippedAndDeadLetteredWithLogAndContinue() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.Integer())).mapValues(v -> "n" + v).to("out");
        try (TopologyTestDriver d = new TopologyTestDriver(b.build(), props())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            assertThatThrownBy(() -> in.pipeInput("k", "xyz")).isInstanceOf(StreamsException.class)
                    .hasMessageContaining("in-0@0").hasMessageContaining("LogAndContinueExceptionHandler");
        }
        Properties p = props();
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq");
        try (TopologyTestDriver d = new TopologyTestDriver(b.build(), p)) {
            TestInputTopic<String, Integer> good = d.createInputTopic("in", new StringSerializer(), new IntegerSerializer());
            TestInputTopic<String, String> bad = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            good.pipeInput("k", 1);
            bad.pipeInput("k", "xyz");
            good.pipeInput("k", 3);
            assertThat(d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readValuesToList())
                    .containsExactly("n1", "n3");
            assertThat(d.droppedRecords()).isEqualTo(1);
            TestRecord<String, String> dead = d.createOutputTopic("dlq", new StringDeserializer(), new StringDeserializer())
                    .readRecord();
            assertThat(dead.value()).isEqualTo("xyz");
            assertThat(new String(dead.headers().lastHeader("__streams.errors.offset").value(), StandardCharsets.UTF_8))
                    .isEqualTo("1");
        }
    }

    @Test
    void sourcesOfOneSubtopologyWithDifferentPartitionCountsAreRejected() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("a").merge(b.stream("b")).to("out");
        assertThatThrownBy(() -> new TopologyTestDriver(b.build(), props(), Map.of("a", 2, "b", 3)))
                .isInstanceOf(TopologyException.class).hasMessageContaining("not co-partitioned");
    }

    @Test
    void forwardingToAnUnknownChildNamesTheChildren() {
        Topology t = new Topology().addSource("src", "in").addProcessor("p", () -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> ctx;

            @Override
            public void init(ProcessorContext<String, String> c) {
                ctx = c;
            }

            @Override
            public void process(Record<String, String> r) {
                ctx.forward(r, "nope");
            }
        }, "src").addSink("sink", "out", "p");
        try (TopologyTestDriver d = new TopologyTestDriver(t, props())) {
            assertThatThrownBy(() -> d.createInputTopic("in", new StringSerializer(), new StringSerializer())
                    .pipeInput("k", "v")).hasStackTraceContaining("no child named 'nope'")
                    .hasStackTraceContaining("[sink]");
        }
    }

    @Test
    void autoAdvanceGivesConsecutiveTimestamps() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in").to("out");
        try (TopologyTestDriver d = new TopologyTestDriver(b.build(), props())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer(),
                    Instant.ofEpochMilli(1000), Duration.ofMillis(5));
            in.pipeValueList(List.of("a", "b", "c"));
            assertThat(d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readRecordsToList())
                    .extracting(TestRecord::timestamp).containsExactly(1000L, 1005L, 1010L);
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aSinkWhoseSerdeDoesNotMatchTheDataFailsWithSerdeAdvice() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").mapValues(v -> v.length())
                .to("out", dev.rill.streams.kstream.Produced.with(Serdes.String(), (org.apache.kafka.common.serialization.Serde) Serdes.String()));
        try (TopologyTestDriver d = new TopologyTestDriver(b.build(), props())) {
            assertThatThrownBy(() -> d.createInputTopic("in", new StringSerializer(), new StringSerializer())
                    .pipeInput("k", "abc")).isInstanceOf(StreamsException.class)
                    .hasMessageContaining("could not serialize").hasMessageContaining("Check the Serde setup");
        }
    }

    @Test
    void negativeTimestampsFailByDefaultAndAreDroppedWithLogAndSkip() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in").to("out");
        try (TopologyTestDriver d = new TopologyTestDriver(b.build(), props())) {
            assertThatThrownBy(() -> d.createInputTopic("in", new StringSerializer(), new StringSerializer())
                    .pipeInput("k", "v", -5L)).hasMessageContaining("invalid (negative) timestamp -5");
        }
        Properties p = props();
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
                dev.rill.streams.processor.LogAndSkipOnInvalidTimestamp.class);
        try (TopologyTestDriver d = new TopologyTestDriver(b.build(), p)) {
            TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("k", "dropped", -5L);
            in.pipeInput("k", "kept", 7L);
            assertThat(d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readValuesToList())
                    .containsExactly("kept");
            assertThat(d.droppedRecords()).isEqualTo(1);
        }
    }
}
