package dev.rill.streams.test.diff;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Topology.addReadOnlyStateStore}: a store filled from a "prices" topic by its update processor and read by
 * another processor connected to it, on Rill and Apache Kafka Streams 4.3.1 — same records (keys, values,
 * timestamps, headers, order), tombstones deleting prices, null keys and out-of-order timestamps included.
 */
class ReadOnlyStateStoreDifferentialTest {

    @ParameterizedTest(name = "caching {0}")
    @ValueSource(booleans = {false, true})
    void ordersArePricedFromAStoreFilledByItsTopic(boolean caching) {
        Differential d = Differential.papi(
                t -> {
                    t.addReadOnlyStateStore(dev.rill.streams.state.Stores.keyValueStoreBuilder(
                                    dev.rill.streams.state.Stores.inMemoryKeyValueStore("prices"), Serdes.String(),
                                    Serdes.String()),
                            "prices-source", new StringDeserializer(), new StringDeserializer(), "prices",
                            "prices-updater", () -> new dev.rill.streams.processor.api.Processor<String, String, Void,
                                    Void>() {
                                private dev.rill.streams.state.KeyValueStore<String, String> store;

                                @Override
                                public void init(dev.rill.streams.processor.api.ProcessorContext<Void, Void> c) {
                                    store = c.getStateStore("prices");
                                }

                                @Override
                                public void process(dev.rill.streams.processor.api.Record<String, String> r) {
                                    if (r.key() == null) {
                                        return;
                                    }
                                    if (r.value() == null) {
                                        store.delete(r.key());
                                    } else {
                                        store.put(r.key(), r.value());
                                    }
                                }
                            });
                    t.addSource("orders-source", new StringDeserializer(), new StringDeserializer(), "orders");
                    t.addProcessor("pricer", () -> new dev.rill.streams.processor.api.Processor<String, String, String,
                            String>() {
                        private dev.rill.streams.processor.api.ProcessorContext<String, String> ctx;
                        private dev.rill.streams.state.KeyValueStore<String, String> store;

                        @Override
                        public void init(dev.rill.streams.processor.api.ProcessorContext<String, String> c) {
                            ctx = c;
                            store = c.getStateStore("prices");
                        }

                        @Override
                        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
                            String price = r.key() == null ? null : store.get(r.key());
                            ctx.forward(r.withValue(r.value() + "@" + price));
                        }
                    }, "orders-source");
                    t.connectProcessorAndStateStores("pricer", "prices");
                    t.addSink("out-sink", "out", new StringSerializer(), new StringSerializer(), "pricer");
                },
                t -> {
                    t.addReadOnlyStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                                    org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("prices"),
                                    Serdes.String(), Serdes.String()),
                            "prices-source", new StringDeserializer(), new StringDeserializer(), "prices",
                            "prices-updater", () -> new org.apache.kafka.streams.processor.api.Processor<String, String,
                                    Void, Void>() {
                                private org.apache.kafka.streams.state.KeyValueStore<String, String> store;

                                @Override
                                public void init(org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> c) {
                                    store = c.getStateStore("prices");
                                }

                                @Override
                                public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
                                    if (r.key() == null) {
                                        return;
                                    }
                                    if (r.value() == null) {
                                        store.delete(r.key());
                                    } else {
                                        store.put(r.key(), r.value());
                                    }
                                }
                            });
                    t.addSource("orders-source", new StringDeserializer(), new StringDeserializer(), "orders");
                    t.addProcessor("pricer", () -> new org.apache.kafka.streams.processor.api.Processor<String, String,
                            String, String>() {
                        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> ctx;
                        private org.apache.kafka.streams.state.KeyValueStore<String, String> store;

                        @Override
                        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> c) {
                            ctx = c;
                            store = c.getStateStore("prices");
                        }

                        @Override
                        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
                            String price = r.key() == null ? null : store.get(r.key());
                            ctx.forward(r.withValue(r.value() + "@" + price));
                        }
                    }, "orders-source");
                    t.connectProcessorAndStateStores("pricer", "prices");
                    t.addSink("out-sink", "out", new StringSerializer(), new StringSerializer(), "pricer");
                })
                .caching(caching)
                .input("prices", "a", "10", 5)
                .input("prices", "b", "20", 6)
                .input("orders", "a", "o1", 10, "h", "x")
                .input("orders", "b", "o2", 3)
                .input("orders", null, "o3", 11)
                .input("prices", "a", "11", 12)
                .input("orders", "a", "o4", 13)
                .input("prices", "b", null, 14)
                .input("prices", null, "99", 15)
                .input("orders", "b", "o5", 16, "h", "y")
                .input("orders", "c", "o6", 2)
                .outputs("out");
        d.assertSameOutput();
        d.assertSameTopologyNames();
    }
}
