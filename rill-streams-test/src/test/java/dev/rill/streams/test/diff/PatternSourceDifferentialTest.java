package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Pattern (regex) sources on Rill and on Apache Kafka Streams: {@code StreamsBuilder.stream(Pattern…)} and
 * {@code Topology.addSource(…, Pattern)} read every matching topic, processors see each record's own topic, the
 * topics a pattern matches are processed by one task per partition (a store sees them all), and the topology
 * description prints the pattern.
 */
class PatternSourceDifferentialTest {

    /** Forwards the record with its topic, partition and the count of records its task's store has seen so far. */
    static final class RillTagger implements dev.rill.streams.processor.api.Processor<String, String, String, String> {
        private dev.rill.streams.processor.api.ProcessorContext<String, String> ctx;
        private dev.rill.streams.state.KeyValueStore<String, Long> seen;

        @Override
        public void init(dev.rill.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            seen = c.getStateStore("seen");
        }

        @Override
        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
            Long n = seen.get("all");
            n = n == null ? 1 : n + 1;
            seen.put("all", n);
            var md = ctx.recordMetadata().orElseThrow();
            ctx.forward(r.withValue(r.value() + "|" + md.topic() + "-" + md.partition() + "|n=" + n
                    + "|task=" + ctx.taskId()));
        }
    }

    static final class ApacheTagger implements org.apache.kafka.streams.processor.api.Processor<String, String, String, String> {
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> ctx;
        private org.apache.kafka.streams.state.KeyValueStore<String, Long> seen;

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            seen = c.getStateStore("seen");
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
            Long n = seen.get("all");
            n = n == null ? 1 : n + 1;
            seen.put("all", n);
            var md = ctx.recordMetadata().orElseThrow();
            ctx.forward(r.withValue(r.value() + "|" + md.topic() + "-" + md.partition() + "|n=" + n
                    + "|task=" + ctx.taskId()));
        }
    }

    /** Timestamps from the value, so that the source's own extractor is seen to be used. */
    static long valueTimestamp(String value) {
        return Long.parseLong(value.substring(value.indexOf('@') + 1));
    }

    private static Differential dslWithPattern() {
        return Differential.dsl(
                b -> b.<String, String>stream(Pattern.compile("orders-.*"))
                        .mapValues(v -> v.toUpperCase())
                        .processValues(() -> new dev.rill.streams.processor.api.FixedKeyProcessor<String, String, String>() {
                            private dev.rill.streams.processor.api.FixedKeyProcessorContext<String, String> c;

                            @Override
                            public void init(dev.rill.streams.processor.api.FixedKeyProcessorContext<String, String> c) {
                                this.c = c;
                            }

                            @Override
                            public void process(dev.rill.streams.processor.api.FixedKeyRecord<String, String> r) {
                                c.forward(r.withValue(r.value() + "@" + c.recordMetadata().orElseThrow().topic()));
                            }
                        })
                        .to("all-orders"),
                b -> b.<String, String>stream(Pattern.compile("orders-.*"))
                        .mapValues(v -> v.toUpperCase())
                        .processValues(() -> new org.apache.kafka.streams.processor.api.FixedKeyProcessor<String, String, String>() {
                            private org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> c;

                            @Override
                            public void init(org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> c) {
                                this.c = c;
                            }

                            @Override
                            public void process(org.apache.kafka.streams.processor.api.FixedKeyRecord<String, String> r) {
                                c.forward(r.withValue(r.value() + "@" + c.recordMetadata().orElseThrow().topic()));
                            }
                        })
                        .to("all-orders"));
    }

    @Test
    void streamOfAPatternReadsEveryMatchingTopic() {
        dslWithPattern()
                .input("orders-eu", "a", "x", 5, "h", "1")
                .input("orders-us", "b", "y", 7)
                .input("orders-eu", null, "z", 6)
                .input("orders-apac", "c", "w", 9, "h", "2")
                .outputs("all-orders")
                .assertSameOutput();
    }

    @Test
    void streamOfAPatternWithConsumedUsesItsSerdesAndExtractor() {
        Differential.dsl(
                        b -> b.stream(Pattern.compile("events\\.[a-z]+"), dev.rill.streams.kstream.Consumed
                                        .with(Serdes.String(), Serdes.String())
                                        .withTimestampExtractor((rec, prev) -> valueTimestamp((String) rec.value()))
                                        .withName("events-source"))
                                .filter((k, v) -> !v.startsWith("skip"))
                                .to("out"),
                        b -> b.stream(Pattern.compile("events\\.[a-z]+"), org.apache.kafka.streams.kstream.Consumed
                                        .with(Serdes.String(), Serdes.String())
                                        .withTimestampExtractor((rec, prev) -> valueTimestamp((String) rec.value()))
                                        .withName("events-source"))
                                .filter((k, v) -> !v.startsWith("skip"))
                                .to("out"))
                .input("events.click", "a", "v@100", 5)
                .input("events.view", "b", "skip@50", 6)
                .input("events.view", "c", "w@70", 7)
                .outputs("out")
                .assertSameOutput();
    }

    @Test
    void processorApiPatternSourceSharesOneTaskPerPartitionAcrossMatchedTopics() {
        Differential.papi(
                        t -> t.addSource(dev.rill.streams.AutoOffsetReset.earliest(), "orders",
                                        (ConsumerRecord<Object, Object> rec, long prev) -> rec.timestamp() + 1,
                                        new StringDeserializer(), new StringDeserializer(), Pattern.compile("orders-(eu|us)"))
                                .addProcessor("tag", RillTagger::new, "orders")
                                .addStateStore(dev.rill.streams.state.Stores.keyValueStoreBuilder(
                                        dev.rill.streams.state.Stores.inMemoryKeyValueStore("seen"),
                                        Serdes.String(), Serdes.Long()), "tag")
                                .addSink("sink", "tagged", new StringSerializer(), new StringSerializer(), "tag"),
                        t -> t.addSource(org.apache.kafka.streams.AutoOffsetReset.earliest(), "orders",
                                        (ConsumerRecord<Object, Object> rec, long prev) -> rec.timestamp() + 1,
                                        new StringDeserializer(), new StringDeserializer(), Pattern.compile("orders-(eu|us)"))
                                .addProcessor("tag", ApacheTagger::new, "orders")
                                .addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                                        org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("seen"),
                                        Serdes.String(), Serdes.Long()), "tag")
                                .addSink("sink", "tagged", new StringSerializer(), new StringSerializer(), "tag"))
                .input("orders-eu", "a", "1", 10, "h", "x")
                .input("orders-us", "b", "2", 20)
                .input("orders-eu", "c", "3", 15)
                .input("orders-us", "d", "4", 30)
                .outputs("tagged")
                .assertSameOutput();
    }

    @Test
    void theOtherPatternOverloadsReadTheirTopicsAlike() {
        var rillExtractor = (dev.rill.streams.processor.TimestampExtractor) (rec, prev) -> rec.timestamp() * 2;
        var apacheExtractor = (org.apache.kafka.streams.processor.TimestampExtractor) (rec, prev) -> rec.timestamp() * 2;
        Differential.papi(
                        t -> t.addSource("s1", Pattern.compile("a-.*"))
                                .addSource(dev.rill.streams.AutoOffsetReset.latest(), "s2", Pattern.compile("b-.*"))
                                .addSource(rillExtractor, "s3", Pattern.compile("c-.*"))
                                .addSource(dev.rill.streams.AutoOffsetReset.earliest(), rillExtractor, "s4",
                                        Pattern.compile("d-.*"))
                                .addSource("s5", new StringDeserializer(), new StringDeserializer(), Pattern.compile("e-.*"))
                                .addSource(dev.rill.streams.AutoOffsetReset.none(), "s6", new StringDeserializer(),
                                        new StringDeserializer(), Pattern.compile("f-.*"))
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(),
                                        "s1", "s2", "s3", "s4", "s5", "s6"),
                        t -> t.addSource("s1", Pattern.compile("a-.*"))
                                .addSource(org.apache.kafka.streams.AutoOffsetReset.latest(), "s2", Pattern.compile("b-.*"))
                                .addSource(apacheExtractor, "s3", Pattern.compile("c-.*"))
                                .addSource(org.apache.kafka.streams.AutoOffsetReset.earliest(), apacheExtractor, "s4",
                                        Pattern.compile("d-.*"))
                                .addSource("s5", new StringDeserializer(), new StringDeserializer(), Pattern.compile("e-.*"))
                                .addSource(org.apache.kafka.streams.AutoOffsetReset.none(), "s6", new StringDeserializer(),
                                        new StringDeserializer(), Pattern.compile("f-.*"))
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(),
                                        "s1", "s2", "s3", "s4", "s5", "s6"))
                .input("a-1", "k1", "v1", 1)
                .input("b-1", "k2", "v2", 2)
                .input("c-1", "k3", "v3", 3)
                .input("d-1", "k4", "v4", 4)
                .input("e-1", "k5", "v5", 5)
                .input("f-1", "k6", "v6", 6)
                .outputs("out")
                .assertSameOutput();
    }

    @Test
    void theDescriptionPrintsThePatternAsKafkaStreamsDoes() {
        dev.rill.streams.StreamsBuilder rill = new dev.rill.streams.StreamsBuilder();
        rill.<String, String>stream(Pattern.compile("orders-.*")).to("all-orders");
        org.apache.kafka.streams.StreamsBuilder apache = new org.apache.kafka.streams.StreamsBuilder();
        apache.<String, String>stream(Pattern.compile("orders-.*")).to("all-orders");
        var rillDescription = rill.build().describe();
        var apacheDescription = apache.build().describe();
        assertThat(rillDescription.toString()).isEqualTo(apacheDescription.toString());
        var rillSource = (dev.rill.streams.TopologyDescription.Source) rillDescription.subtopologies().get(0).nodes().get(0);
        var apacheSource = (org.apache.kafka.streams.TopologyDescription.Source) apacheDescription.subtopologies()
                .iterator().next().nodes().stream()
                .filter(n -> n instanceof org.apache.kafka.streams.TopologyDescription.Source).findFirst().orElseThrow();
        assertThat(rillSource.topicPattern().pattern()).isEqualTo(apacheSource.topicPattern().pattern());
        assertThat(rillSource.topicSet()).isEqualTo(apacheSource.topicSet()).isNull();
    }

    @Test
    void partitionPOfEveryMatchedTopicGoesToTaskP() {
        dev.rill.streams.Topology topology = new dev.rill.streams.Topology()
                .addSource("orders", new StringDeserializer(), new StringDeserializer(), Pattern.compile("orders-.*"))
                .addProcessor("tag", RillTagger::new, "orders")
                .addStateStore(dev.rill.streams.state.Stores.keyValueStoreBuilder(
                        dev.rill.streams.state.Stores.inMemoryKeyValueStore("seen"), Serdes.String(), Serdes.Long()),
                        "tag")
                .addSink("sink", "tagged", new StringSerializer(), new StringSerializer(), "tag");
        Properties props = new Properties();
        props.put("application.id", "pattern-tasks");
        props.put("bootstrap.servers", "unused:9092");
        try (var driver = new dev.rill.streams.test.TopologyTestDriver(topology, props,
                Map.of("orders-eu", 2, "orders-us", 2))) {
            var eu = driver.createInputTopic("orders-eu", new StringSerializer(), new StringSerializer());
            var us = driver.createInputTopic("orders-us", new StringSerializer(), new StringSerializer());
            var late = driver.createInputTopic("orders-apac", new StringSerializer(), new StringSerializer());
            eu.pipeInputToPartition(1, new dev.rill.streams.test.TestRecord<>("a", "1", null, 1L));
            us.pipeInputToPartition(1, new dev.rill.streams.test.TestRecord<>("b", "2", null, 2L));
            us.pipeInputToPartition(0, new dev.rill.streams.test.TestRecord<>("c", "3", null, 3L));
            late.pipeInput(new dev.rill.streams.test.TestRecord<>("d", "4", null, 4L));
            var out = driver.createOutputTopic("tagged", new StringDeserializer(), new StringDeserializer());
            assertThat(out.readValuesToList()).containsExactly(
                    "1|orders-eu-1|n=1|task=0_1",
                    "2|orders-us-1|n=2|task=0_1",
                    "3|orders-us-0|n=1|task=0_0",
                    "4|orders-apac-0|n=2|task=0_0");
        }
    }
}
