package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code Materialized.as(DslStoreSuppliers)} and {@code withStoreType(DslStoreSuppliers)} on Rill and on Apache
 * Kafka Streams: the same output, the suppliers are asked with the same parameters, and the store kind they choose
 * is the one the task opens.
 */
class DslStoreSuppliersDifferentialTest {

    /** Records what it is asked, then answers with in-memory stores. */
    static final class RillRecording extends dev.rill.streams.state.BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers {
        final List<String> asked = new ArrayList<>();

        @Override
        public dev.rill.streams.state.KeyValueBytesStoreSupplier keyValueStore(dev.rill.streams.state.DslKeyValueParams p) {
            asked.add("kv " + p.name() + " timestamped=" + p.isTimestamped());
            return super.keyValueStore(p);
        }

        @Override
        public dev.rill.streams.state.WindowBytesStoreSupplier windowStore(dev.rill.streams.state.DslWindowParams p) {
            asked.add("window " + p.name() + " retention=" + p.retentionPeriod() + " size=" + p.windowSize()
                    + " duplicates=" + p.retainDuplicates() + " sliding=" + p.isSlidingWindow()
                    + " timestamped=" + p.isTimestamped());
            return super.windowStore(p);
        }
    }

    static final class ApacheRecording extends org.apache.kafka.streams.state.BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers {
        final List<String> asked = new ArrayList<>();

        @Override
        public org.apache.kafka.streams.state.KeyValueBytesStoreSupplier keyValueStore(org.apache.kafka.streams.state.DslKeyValueParams p) {
            asked.add("kv " + p.name() + " timestamped=" + p.isTimestamped());
            return super.keyValueStore(p);
        }

        @Override
        public org.apache.kafka.streams.state.WindowBytesStoreSupplier windowStore(org.apache.kafka.streams.state.DslWindowParams p) {
            asked.add("window " + p.name() + " retention=" + p.retentionPeriod() + " size=" + p.windowSize()
                    + " duplicates=" + p.retainDuplicates() + " sliding=" + p.isSlidingWindow()
                    + " timestamped=" + p.isTimestamped());
            return super.windowStore(p);
        }
    }

    @Test
    void storeSuppliersChooseTheStoresOfCountsAndWindowedCounts() {
        RillRecording rill = new RillRecording();
        ApacheRecording apache = new ApacheRecording();
        Differential.dsl(
                        b -> {
                            var grouped = b.<String, String>stream("in").groupByKey();
                            grouped.count(dev.rill.streams.kstream.Materialized.as(rill))
                                    .toStream().mapValues(String::valueOf).to("counts");
                            grouped.windowedBy(dev.rill.streams.kstream.TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
                                    .count(dev.rill.streams.kstream.Materialized
                                            .<String, Long, dev.rill.streams.state.WindowStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("windowed")
                                            .withStoreType(rill))
                                    .toStream()
                                    .map((w, c) -> dev.rill.streams.KeyValue.pair(w.key() + "@" + w.window().start(),
                                            String.valueOf(c)))
                                    .to("windowed-counts");
                        },
                        b -> {
                            var grouped = b.<String, String>stream("in").groupByKey();
                            grouped.count(org.apache.kafka.streams.kstream.Materialized.as(apache))
                                    .toStream().mapValues(String::valueOf).to("counts");
                            grouped.windowedBy(org.apache.kafka.streams.kstream.TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
                                    .count(org.apache.kafka.streams.kstream.Materialized
                                            .<String, Long, org.apache.kafka.streams.state.WindowStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("windowed")
                                            .withStoreType(apache))
                                    .toStream()
                                    .map((w, c) -> org.apache.kafka.streams.KeyValue.pair(w.key() + "@" + w.window().start(),
                                            String.valueOf(c)))
                                    .to("windowed-counts");
                        })
                .caching(false)
                .input("in", "a", "1", 1)
                .input("in", "a", "2", 5)
                .input("in", "b", "3", 12)
                .input("in", "a", "4", 15)
                .outputs("counts", "windowed-counts")
                .assertSameOutput();
        assertThat(rill.asked).isNotEmpty().isEqualTo(apache.asked);
    }

    @Test
    void theInMemorySuppliersGiveInMemoryStoresAndRocksDbPersistentOnes() {
        for (var suppliers : List.of(dev.rill.streams.state.BuiltInDslStoreSuppliers.IN_MEMORY,
                dev.rill.streams.state.BuiltInDslStoreSuppliers.ROCKS_DB)) {
            var b = new dev.rill.streams.StreamsBuilder();
            b.<String, String>stream("in").groupByKey()
                    .count(dev.rill.streams.kstream.Materialized
                            .<String, Long, dev.rill.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("counts")
                            .withStoreType(suppliers));
            Properties props = new Properties();
            props.put("application.id", "dsl-suppliers");
            props.put("bootstrap.servers", "unused:9092");
            props.put("default.key.serde", org.apache.kafka.common.serialization.Serdes.StringSerde.class);
            props.put("default.value.serde", org.apache.kafka.common.serialization.Serdes.StringSerde.class);
            try (var driver = new dev.rill.streams.test.TopologyTestDriver(b.build(), props)) {
                driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k", "v");
                assertThat(driver.getStateStore("counts").persistent())
                        .isEqualTo(suppliers == dev.rill.streams.state.BuiltInDslStoreSuppliers.ROCKS_DB);
                assertThat(driver.<String, Long>getKeyValueStore("counts").get("k")).isEqualTo(1L);
            }
        }
    }
}
