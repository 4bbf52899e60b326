package dev.rill.streams.test.diff;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Global stores filled by a processor of the user's ({@code Topology.addGlobalStore}, with and without a timestamp
 * extractor, and {@code StreamsBuilder.addGlobalStore}) on Rill and on Apache Kafka Streams: what the processor
 * writes (with the record's metadata and timestamp) is what the topology's processors read.
 */
class GlobalStoreDifferentialTest {

    /** Writes "value@timestamp/topic" per key, deletes on a null value, ignores a null key. */
    static final class RillUpdater implements dev.rill.streams.processor.api.Processor<String, String, Void, Void> {
        private dev.rill.streams.processor.api.ProcessorContext<Void, Void> ctx;
        private dev.rill.streams.state.KeyValueStore<String, String> store;

        @Override
        public void init(dev.rill.streams.processor.api.ProcessorContext<Void, Void> c) {
            ctx = c;
            store = c.getStateStore("rates");
        }

        @Override
        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
            if (r.key() == null) {
                return;
            }
            if (r.value() == null) {
                store.delete(r.key());
            } else {
                store.put(r.key(), r.value().toUpperCase() + "@" + r.timestamp() + "/"
                        + ctx.recordMetadata().orElseThrow().topic());
            }
        }
    }

    static final class ApacheUpdater implements org.apache.kafka.streams.processor.api.Processor<String, String, Void, Void> {
        private org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> ctx;
        private org.apache.kafka.streams.state.KeyValueStore<String, String> store;

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> c) {
            ctx = c;
            store = c.getStateStore("rates");
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
            if (r.key() == null) {
                return;
            }
            if (r.value() == null) {
                store.delete(r.key());
            } else {
                store.put(r.key(), r.value().toUpperCase() + "@" + r.timestamp() + "/"
                        + ctx.recordMetadata().orElseThrow().topic());
            }
        }
    }

    /** Appends what the global store holds for the record's key. */
    static final class RillLookup implements dev.rill.streams.processor.api.Processor<String, String, String, String> {
        private dev.rill.streams.processor.api.ProcessorContext<String, String> ctx;
        private dev.rill.streams.state.KeyValueStore<String, String> store;

        @Override
        public void init(dev.rill.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            store = c.getStateStore("rates");
        }

        @Override
        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
            ctx.forward(r.withValue(r.value() + "=" + store.get(r.key())));
        }
    }

    static final class ApacheLookup implements org.apache.kafka.streams.processor.api.Processor<String, String, String, String> {
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> ctx;
        private org.apache.kafka.streams.state.KeyValueStore<String, String> store;

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            store = c.getStateStore("rates");
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
            ctx.forward(r.withValue(r.value() + "=" + store.get(r.key())));
        }
    }

    private static dev.rill.streams.state.StoreBuilder<?> rillStore() {
        return dev.rill.streams.state.Stores.keyValueStoreBuilder(
                dev.rill.streams.state.Stores.inMemoryKeyValueStore("rates"), Serdes.String(), Serdes.String())
                .withLoggingDisabled();
    }

    private static org.apache.kafka.streams.state.StoreBuilder<?> apacheStore() {
        return org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("rates"), Serdes.String(), Serdes.String())
                .withLoggingDisabled();
    }

    /** Stamps a record with its value's length in seconds (a null value: the record's own timestamp). */
    private static long lengthTime(Object value, long recordTimestamp) {
        return value == null ? recordTimestamp : value.toString().length() * 1000L;
    }

    private static Differential inputs(Differential d) {
        return d.input("rates-topic", "eur", "0.9", 10)
                .input("rates-topic", "usd", "one", 11)
                .input("in", "eur", "a", 20)
                .input("in", "usd", "b", 21)
                .input("in", "chf", "c", 22)
                .input("rates-topic", "eur", null, 30)
                .input("rates-topic", null, "ignored", 31)
                .input("rates-topic", "chf", "1.05", 32)
                .input("in", "eur", "d", 40)
                .input("in", "chf", "e", 41)
                .outputs("out");
    }

    @Test
    void topologyGlobalStoresWithAndWithoutExtractorMatch() {
        for (boolean extractor : new boolean[]{false, true}) {
            inputs(Differential.papi(
                    t -> {
                        if (extractor) {
                            t.addGlobalStore(rillStore(), "rates-src", (r, p) -> lengthTime(r.value(), r.timestamp()),
                                    new StringDeserializer(), new StringDeserializer(), "rates-topic", "rates-proc",
                                    RillUpdater::new);
                        } else {
                            t.addGlobalStore(rillStore(), "rates-src", new StringDeserializer(),
                                    new StringDeserializer(), "rates-topic", "rates-proc", RillUpdater::new);
                        }
                        t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("lookup", RillLookup::new, "src")
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(), "lookup");
                    },
                    t -> {
                        if (extractor) {
                            t.addGlobalStore(apacheStore(), "rates-src", (r, p) -> lengthTime(r.value(), r.timestamp()),
                                    new StringDeserializer(), new StringDeserializer(), "rates-topic", "rates-proc",
                                    ApacheUpdater::new);
                        } else {
                            t.addGlobalStore(apacheStore(), "rates-src", new StringDeserializer(),
                                    new StringDeserializer(), "rates-topic", "rates-proc", ApacheUpdater::new);
                        }
                        t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in")
                                .addProcessor("lookup", ApacheLookup::new, "src")
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(), "lookup");
                    })).assertSameRecords();
        }
    }

    @Test
    void builderGlobalStoreMatches() {
        inputs(Differential.dsl(
                b -> {
                    b.addGlobalStore(rillStore(), "rates-topic",
                            dev.rill.streams.kstream.Consumed.with(Serdes.String(), Serdes.String()), RillUpdater::new);
                    b.<String, String>stream("in").process(RillLookup::new).to("out");
                },
                b -> {
                    b.addGlobalStore(apacheStore(), "rates-topic",
                            org.apache.kafka.streams.kstream.Consumed.with(Serdes.String(), Serdes.String()),
                            ApacheUpdater::new);
                    b.<String, String>stream("in").process(ApacheLookup::new).to("out");
                })).assertSameRecords();
    }
}
