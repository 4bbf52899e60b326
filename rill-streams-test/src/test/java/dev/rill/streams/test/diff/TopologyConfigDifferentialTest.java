package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code StreamsBuilder(TopologyConfig)} and {@code Topology(TopologyConfig)} on Rill and on Apache Kafka Streams:
 * the topology-level settings take precedence over the configuration the topology runs with.
 */
class TopologyConfigDifferentialTest {

    /** Timestamps from the value ("v@ts"). */
    public static final class RillValueTimestamp implements dev.rill.streams.processor.TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            String v = (String) record.value();
            return Long.parseLong(v.substring(v.indexOf('@') + 1));
        }
    }

    public static final class ApacheValueTimestamp implements org.apache.kafka.streams.processor.TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            String v = (String) record.value();
            return Long.parseLong(v.substring(v.indexOf('@') + 1));
        }
    }

    private static Properties app() {
        Properties p = new Properties();
        p.put("application.id", "topology-config");
        p.put("bootstrap.servers", "unused:9092");
        return p;
    }

    private static dev.rill.streams.TopologyConfig rillConfig(String key, Object value) {
        Properties overrides = new Properties();
        overrides.put(key, value);
        return new dev.rill.streams.TopologyConfig("orders", new dev.rill.streams.StreamsConfig(app()), overrides);
    }

    private static org.apache.kafka.streams.TopologyConfig apacheConfig(String key, Object value) {
        Properties overrides = new Properties();
        overrides.put(key, value);
        return new org.apache.kafka.streams.TopologyConfig("orders", new org.apache.kafka.streams.StreamsConfig(app()),
                overrides);
    }

    @Test
    void aTopologyLevelTimestampExtractorIsUsedByTheBuildersSources() {
        String key = "default.timestamp.extractor";
        var result = Differential.topologies(
                        () -> {
                            var b = new dev.rill.streams.StreamsBuilder(rillConfig(key, RillValueTimestamp.class));
                            b.<String, String>stream("in").mapValues(v -> v + "!").to("out");
                            return b.build();
                        },
                        () -> {
                            var b = new org.apache.kafka.streams.StreamsBuilder(apacheConfig(key, ApacheValueTimestamp.class));
                            b.<String, String>stream("in").mapValues(v -> v + "!").to("out");
                            return b.build();
                        })
                .input("in", "a", "x@100", 5)
                .input("in", "b", "y@42", 6, "h", "1")
                .outputs("out")
                .assertSameOutput();
        assertThat(result.get("out")).extracting(o -> o.timestamp()).containsExactly(100L, 42L);
    }

    @Test
    void aTopologyLevelCacheSizeOfZeroForwardsEveryUpdate() {
        String key = "statestore.cache.max.bytes";
        var result = Differential.topologies(
                        () -> {
                            var b = new dev.rill.streams.StreamsBuilder(rillConfig(key, 0L));
                            b.<String, String>stream("in").flatMapValues(v -> java.util.List.of(v, v)).groupByKey().count().toStream()
                                    .mapValues(String::valueOf).to("out");
                            return b.build();
                        },
                        () -> {
                            var b = new org.apache.kafka.streams.StreamsBuilder(apacheConfig(key, 0L));
                            b.<String, String>stream("in").flatMapValues(v -> java.util.List.of(v, v)).groupByKey().count().toStream()
                                    .mapValues(String::valueOf).to("out");
                            return b.build();
                        })
                .input("in", "a", "1", 5)
                .input("in", "b", "3", 7)
                .outputs("out")
                .assertSameOutput();
        // the driver commits after each input record; with the instance's cache only each record's last update
        // ("2") would come out, with the topology's cache of 0 both updates do
        assertThat(result.get("out")).extracting(o -> o.value()).containsExactly("1", "2", "1", "2");
    }

    @Test
    void aTopologyLevelDeserializationExceptionHandlerDecidesOverTheInstances() {
        String key = "deserialization.exception.handler";
        var result = Differential.topologies(
                        () -> {
                            var t = new dev.rill.streams.Topology(rillConfig(key,
                                    dev.rill.streams.errors.LogAndContinueExceptionHandler.class));
                            t.addSource("src", new StringDeserializer(), new IntegerDeserializer(), "in")
                                    .addSink("sink", "out", new StringSerializer(), new IntegerSerializer(), "src");
                            return t;
                        },
                        () -> {
                            var t = new org.apache.kafka.streams.Topology(apacheConfig(key,
                                    org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class));
                            t.addSource("src", new StringDeserializer(), new IntegerDeserializer(), "in")
                                    .addSink("sink", "out", new StringSerializer(), new IntegerSerializer(), "src");
                            return t;
                        })
                .input("in", "a", "abcd", 5)
                .input("in", "b", "not four bytes", 6)
                .input("in", "c", "wxyz", 7)
                .outputs("out")
                .assertSameOutput();
        assertThat(result.get("out")).extracting(o -> o.key()).containsExactly("a", "c");
    }

    @Test
    void anInvalidOverrideIsReportedWhenTheConfigIsMade() {
        assertThatThrownBy(() -> rillConfig("statestore.cache.max.bytes", "lots"))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("statestore.cache.max.bytes");
        var config = rillConfig("statestore.cache.max.bytes", 0L);
        assertThat(config.topologyLevelSettings()).containsEntry("statestore.cache.max.bytes", 0L);
        assertThat(config.isNamedTopology()).isTrue();
        assertThat(new dev.rill.streams.TopologyConfig(new dev.rill.streams.StreamsConfig(app())).isNamedTopology())
                .isFalse();
    }
}
