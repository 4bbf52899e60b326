package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every {@code Topology.addSink} overload on Rill and on Apache Kafka Streams: topic-name extractors route each
 * record, explicit serializers are used, and partitioners are asked with the topic the record goes to (Kafka
 * Streams 4's partitioner answers with {@code partitions()}, Rill's with {@code partition()}: null and
 * {@code Optional.empty()} both mean the producer's default).
 */
class SinkOverloadsDifferentialTest {

    /** What each side's partitioners were asked: "sink:topic:key:value:numPartitions". */
    private static final List<String> RILL_CALLS = new CopyOnWriteArrayList<>();
    private static final List<String> APACHE_CALLS = new CopyOnWriteArrayList<>();

    /** Marks values so the output shows that this serializer, not the default one, wrote them. */
    static final class BangSerializer implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            return data == null ? null : (data + "!").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String route(String prefix, String key) {
        return prefix + (key.startsWith("a") ? "-a" : "-b");
    }

    @Test
    void sinksWithExtractorsPartitionersAndSerializersMatch() {
        RILL_CALLS.clear();
        APACHE_CALLS.clear();
        Differential d = Differential.papi(
                t -> t.addSource("src", "in")
                        .addSink("by-key", (String k, String v, dev.rill.streams.processor.RecordContext c) ->
                                route("x1", k), "src")
                        .addSink("by-key-partitioned", (String k, String v, dev.rill.streams.processor.RecordContext c) ->
                                route("x2", k), (String topic, String k, String v, int n) -> {
                                    RILL_CALLS.add("x2:" + topic + ":" + k + ":" + v + ":" + n);
                                    return k.endsWith("1") ? null : 0;
                                }, "src")
                        .addSink("by-key-serialized", (String k, String v, dev.rill.streams.processor.RecordContext c) ->
                                route("x3", k), new StringSerializer(), new BangSerializer(), "src")
                        .addSink("fixed-partitioned", "fixed", (String topic, String k, String v, int n) -> {
                            RILL_CALLS.add("fixed:" + topic + ":" + k + ":" + v + ":" + n);
                            return 0;
                        }, "src"),
                t -> t.addSource("src", "in")
                        .addSink("by-key", (String k, String v, org.apache.kafka.streams.processor.RecordContext c) ->
                                route("x1", k), "src")
                        .addSink("by-key-partitioned", (String k, String v, org.apache.kafka.streams.processor.RecordContext c) ->
                                route("x2", k), (String topic, String k, String v, int n) -> {
                                    APACHE_CALLS.add("x2:" + topic + ":" + k + ":" + v + ":" + n);
                                    return k.endsWith("1") ? java.util.Optional.<java.util.Set<Integer>>empty()
                                            : java.util.Optional.of(java.util.Set.of(0));
                                }, "src")
                        .addSink("by-key-serialized", (String k, String v, org.apache.kafka.streams.processor.RecordContext c) ->
                                route("x3", k), new StringSerializer(), new BangSerializer(), "src")
                        .addSink("fixed-partitioned", "fixed", (String topic, String k, String v, int n) -> {
                            APACHE_CALLS.add("fixed:" + topic + ":" + k + ":" + v + ":" + n);
                            return java.util.Optional.of(java.util.Set.of(0));
                        }, "src"))
                .input("in", "a1", "v1", 1)
                .input("in", "b1", "v2", 2)
                .input("in", "a2", "v3", 3)
                .input("in", "b2", "v4", 4)
                .outputs("x1-a", "x1-b", "x2-a", "x2-b", "x3-a", "x3-b", "fixed");

        var rill = d.assertSameOutput();

        assertThat(rill.get("x3-a")).extracting(Differential.Out::value).containsExactly("v1!", "v3!");
        assertThat(APACHE_CALLS).as("the reference asked its partitioners").hasSize(8);
        assertThat(RILL_CALLS).as("partitioner calls (Rill vs Apache Kafka Streams)").isEqualTo(APACHE_CALLS);
    }
}
