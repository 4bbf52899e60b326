package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Every stateless DSL operator, on Rill and on Apache Kafka Streams 4.3.1, same input, same output. */
class StatelessDslDifferentialTest {

    private static Differential standardInput(Differential d) {
        return d.input("in", "a", "1", 10, "h", "x")
                .input("in", "unknown", "2", 20)
                .input("in", "b", "33", 5, "h", "y", "h", "z")
                .input("in", null, "4", 30)
                .input("in", "unknown", null, 40)
                .input("in", "c", "5 6 7", 50);
    }

    @Test
    void seedPaymentFilterMatches() {
        standardInput(Differential.dsl(
                b -> b.<String, String>stream("in").filter((k, v) -> "unknown".equals(k)).to("out"),
                b -> b.<String, String>stream("in").filter((k, v) -> "unknown".equals(k)).to("out")))
                .outputs("out").assertSameOutput();
    }

    @Test
    void filterAndFilterNotMatch() {
        Map<String, List<Differential.Out>> out = standardInput(Differential.dsl(
                b -> {
                    var s = b.<String, String>stream("in");
                    s.filter((k, v) -> v != null && v.length() > 1).to("long");
                    s.filterNot((k, v) -> v != null && v.length() > 1).to("short");
                },
                b -> {
                    var s = b.<String, String>stream("in");
                    s.filter((k, v) -> v != null && v.length() > 1).to("long");
                    s.filterNot((k, v) -> v != null && v.length() > 1).to("short");
                })).outputs("long", "short").assertSameOutput();
        assertThat(out.get("long")).hasSize(2);
    }

    @Test
    void mapChangesKeyAndValue() {
        standardInput(Differential.dsl(
                b -> b.<String, String>stream("in").map((k, v) -> KeyValue.pair(v, k)).to("out"),
                b -> b.<String, String>stream("in").map((k, v) -> org.apache.kafka.streams.KeyValue.pair(v, k)).to("out")))
                .outputs("out").assertSameOutput();
    }

    @Test
    void mapValuesWithAndWithoutKeyMatch() {
        standardInput(Differential.dsl(
                b -> {
                    var s = b.<String, String>stream("in");
                    s.mapValues(v -> v == null ? "none" : v + "!").to("out1");
                    s.mapValues((k, v) -> k + "/" + v).to("out2");
                },
                b -> {
                    var s = b.<String, String>stream("in");
                    s.mapValues(v -> v == null ? "none" : v + "!").to("out1");
                    s.mapValues((k, v) -> k + "/" + v).to("out2");
                })).outputs("out1", "out2").assertSameOutput();
    }

    @Test
    void flatMapEmitsZeroOrMoreRecordsInOrder() {
        standardInput(Differential.dsl(
                b -> b.<String, String>stream("in").flatMap((k, v) -> {
                    List<KeyValue<String, String>> out = new ArrayList<>();
                    if (v != null) {
                        for (String w : v.split(" ")) {
                            out.add(KeyValue.pair(w, k));
                        }
                    }
                    return out;
                }).to("out"),
                b -> b.<String, String>stream("in").flatMap((k, v) -> {
                    List<org.apache.kafka.streams.KeyValue<String, String>> out = new ArrayList<>();
                    if (v != null) {
                        for (String w : v.split(" ")) {
                            out.add(org.apache.kafka.streams.KeyValue.pair(w, k));
                        }
                    }
                    return out;
                }).to("out"))).outputs("out").assertSameOutput();
    }

    @Test
    void flatMapValuesWithAndWithoutKeyMatch() {
        standardInput(Differential.dsl(
                b -> {
                    var s = b.<String, String>stream("in");
                    s.flatMapValues(v -> v == null ? List.<String>of() : Arrays.asList(v.split(" "))).to("out1");
                    s.flatMapValues((k, v) -> List.of(k + "1", k + "2")).to("out2");
                },
                b -> {
                    var s = b.<String, String>stream("in");
                    s.flatMapValues(v -> v == null ? List.<String>of() : Arrays.asList(v.split(" "))).to("out1");
                    s.flatMapValues((k, v) -> List.of(k + "1", k + "2")).to("out2");
                })).outputs("out1", "out2").assertSameOutput();
    }

    @Test
    void selectKeyPeekAndForeachMatch() {
        List<String> rillSeen = new ArrayList<>();
        List<String> apacheSeen = new ArrayList<>();
        List<String> rillEach = new ArrayList<>();
        List<String> apacheEach = new ArrayList<>();
        standardInput(Differential.dsl(
                b -> {
                    var s = b.<String, String>stream("in").selectKey((k, v) -> v).peek((k, v) -> rillSeen.add(k + v));
                    s.to("out");
                    s.foreach((k, v) -> rillEach.add(k + "=" + v));
                },
                b -> {
                    var s = b.<String, String>stream("in").selectKey((k, v) -> v).peek((k, v) -> apacheSeen.add(k + v));
                    s.to("out");
                    s.foreach((k, v) -> apacheEach.add(k + "=" + v));
                })).outputs("out").assertSameOutput();
        assertThat(rillSeen).isEqualTo(apacheSeen).hasSize(6);
        assertThat(rillEach).isEqualTo(apacheEach).hasSize(6);
    }

    @Test
    void mergeInterleavesInProcessingOrder() {
        Differential.dsl(
                        b -> b.<String, String>stream("left").mapValues(v -> "L" + v)
                                .merge(b.<String, String>stream("right").mapValues(v -> "R" + v)).to("out"),
                        b -> b.<String, String>stream("left").mapValues(v -> "L" + v)
                                .merge(b.<String, String>stream("right").mapValues(v -> "R" + v)).to("out"))
                .input("left", "a", "1", 10).input("right", "b", "2", 5).input("left", "c", "3", 7)
                .input("right", "d", "4", 30, "k", "v")
                .outputs("out").assertSameOutput();
    }

    @Test
    void splitRoutesToFirstMatchingBranchAndNamesBranchesAlike() {
        List<String> rillKeys = new ArrayList<>();
        List<String> apacheKeys = new ArrayList<>();
        standardInput(Differential.dsl(
                b -> {
                    var m = b.<String, String>stream("in").split(dev.rill.streams.kstream.Named.as("sp-"))
                            .branch((k, v) -> "a".equals(k), dev.rill.streams.kstream.Branched.as("a"))
                            .branch((k, v) -> v != null && v.length() > 1,
                                    dev.rill.streams.kstream.Branched.withFunction(s -> s.mapValues(v -> v + "#")))
                            .branch((k, v) -> "b".equals(k),
                                    dev.rill.streams.kstream.Branched.withConsumer(s -> s.to("consumed")))
                            .defaultBranch();
                    rillKeys.addAll(m.keySet());
                    m.forEach((name, s) -> s.to("out-" + name));
                    var m2 = b.<String, String>stream("in2").split()
                            .branch((k, v) -> true).noDefaultBranch();
                    rillKeys.addAll(m2.keySet());
                },
                b -> {
                    var m = b.<String, String>stream("in").split(org.apache.kafka.streams.kstream.Named.as("sp-"))
                            .branch((k, v) -> "a".equals(k), org.apache.kafka.streams.kstream.Branched.as("a"))
                            .branch((k, v) -> v != null && v.length() > 1,
                                    org.apache.kafka.streams.kstream.Branched.withFunction(s -> s.mapValues(v -> v + "#")))
                            .branch((k, v) -> "b".equals(k),
                                    org.apache.kafka.streams.kstream.Branched.withConsumer(s -> s.to("consumed")))
                            .defaultBranch();
                    apacheKeys.addAll(m.keySet());
                    m.forEach((name, s) -> s.to("out-" + name));
                    var m2 = b.<String, String>stream("in2").split()
                            .branch((k, v) -> true).noDefaultBranch();
                    apacheKeys.addAll(m2.keySet());
                })).outputs("out-sp-a", "out-sp-2", "out-sp-0", "consumed").assertSameOutput();
        assertThat(rillKeys).containsExactlyInAnyOrderElementsOf(apacheKeys);
    }

    @Test
    void toWithTopicNameExtractorRoutesPerRecord() {
        standardInput(Differential.dsl(
                b -> b.<String, String>stream("in").filter((k, v) -> k != null)
                        .to((k, v, ctx) -> "t-" + k.charAt(0) + "-" + ctx.topic()),
                b -> b.<String, String>stream("in").filter((k, v) -> k != null)
                        .to((k, v, ctx) -> "t-" + k.charAt(0) + "-" + ctx.topic())))
                .outputs("t-a-in", "t-u-in", "t-b-in", "t-c-in").assertSameOutput();
    }

    @Test
    void producedSerdesAreUsed() {
        standardInput(Differential.dsl(
                b -> b.<String, String>stream("in").mapValues(v -> v == null ? 0 : v.length())
                        .mapValues(n -> "len" + n, dev.rill.streams.kstream.Named.as("toString"))
                        .to("out", dev.rill.streams.kstream.Produced.with(Serdes.String(), Serdes.String())),
                b -> b.<String, String>stream("in").mapValues(v -> v == null ? 0 : v.length())
                        .mapValues(n -> "len" + n, org.apache.kafka.streams.kstream.Named.as("toString"))
                        .to("out", org.apache.kafka.streams.kstream.Produced.with(Serdes.String(), Serdes.String()))))
                .outputs("out").assertSameOutput();
    }

    @Test
    void repartitionAfterKeyChangeKeepsRecordsTimestampsAndHeaders() {
        standardInput(Differential.dsl(
                b -> {
                    var s = b.<String, String>stream("in").selectKey((k, v) -> v);
                    s.repartition().mapValues(v -> v + "@unnamed").to("out1");
                    s.repartition(dev.rill.streams.kstream.Repartitioned.as("by-value")).to("out2");
                },
                b -> {
                    var s = b.<String, String>stream("in").selectKey((k, v) -> v);
                    s.repartition().mapValues(v -> v + "@unnamed").to("out1");
                    s.repartition(org.apache.kafka.streams.kstream.Repartitioned.as("by-value")).to("out2");
                })).outputs("out1", "out2").assertSameOutput();
    }

    @Test
    void headersAddedInOneBranchAreSeenLikeKafkaStreams() {
        standardInput(Differential.dsl(
                b -> {
                    var s = b.<String, String>stream("in");
                    s.to("raw");
                    s.processValues(() -> new dev.rill.streams.processor.api.FixedKeyProcessor<String, String, String>() {
                        private dev.rill.streams.processor.api.FixedKeyProcessorContext<String, String> ctx;

                        @Override
                        public void init(dev.rill.streams.processor.api.FixedKeyProcessorContext<String, String> c) {
                            ctx = c;
                        }

                        @Override
                        public void process(dev.rill.streams.processor.api.FixedKeyRecord<String, String> r) {
                            r.headers().add("seen", "yes".getBytes(StandardCharsets.UTF_8));
                            ctx.forward(r.withValue(r.value() + "+").withTimestamp(r.timestamp() + 1));
                        }
                    }).to("tagged");
                },
                b -> {
                    var s = b.<String, String>stream("in");
                    s.to("raw");
                    s.processValues(() -> new org.apache.kafka.streams.processor.api.FixedKeyProcessor<String, String, String>() {
                        private org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> ctx;

                        @Override
                        public void init(org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> c) {
                            ctx = c;
                        }

                        @Override
                        public void process(org.apache.kafka.streams.processor.api.FixedKeyRecord<String, String> r) {
                            r.headers().add("seen", "yes".getBytes(StandardCharsets.UTF_8));
                            ctx.forward(r.withValue(r.value() + "+").withTimestamp(r.timestamp() + 1));
                        }
                    }).to("tagged");
                })).outputs("raw", "tagged").assertSameOutput();
    }
}
