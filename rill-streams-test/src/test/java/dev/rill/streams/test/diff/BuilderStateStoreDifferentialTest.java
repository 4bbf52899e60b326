package dev.rill.streams.test.diff;

import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code StreamsBuilder.addStateStore}: a store added to the builder and used by name from {@code process} and
 * {@code processValues}, on Rill and Apache Kafka Streams 4.3.1 — same records, same names and store connections.
 */
class BuilderStateStoreDifferentialTest {

    @ParameterizedTest(name = "caching {0}")
    @ValueSource(booleans = {false, true})
    void aStoreAddedToTheBuilderIsUsedByNameFromTheDsl(boolean caching) {
        Differential d = Differential.dsl(
                b -> {
                    b.addStateStore(dev.rill.streams.state.Stores.keyValueStoreBuilder(
                            dev.rill.streams.state.Stores.inMemoryKeyValueStore("seen"), Serdes.String(), Serdes.String()));
                    var s = b.<String, String>stream("in");
                    s.process(() -> new dev.rill.streams.processor.api.Processor<String, String, String, String>() {
                        private dev.rill.streams.processor.api.ProcessorContext<String, String> ctx;
                        private dev.rill.streams.state.KeyValueStore<String, String> store;

                        @Override
                        public void init(dev.rill.streams.processor.api.ProcessorContext<String, String> context) {
                            ctx = context;
                            store = context.getStateStore("seen");
                        }

                        @Override
                        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
                            if (r.key() == null) {
                                return;
                            }
                            String before = store.get(r.key());
                            String now = before == null ? r.value() : before + "," + r.value();
                            store.put(r.key(), now);
                            ctx.forward(r.withValue(now));
                        }
                    }, "seen").to("history");
                },
                b -> {
                    b.addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                            org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("seen"), Serdes.String(),
                            Serdes.String()));
                    var s = b.<String, String>stream("in");
                    s.process(() -> new org.apache.kafka.streams.processor.api.Processor<String, String, String, String>() {
                        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> ctx;
                        private org.apache.kafka.streams.state.KeyValueStore<String, String> store;

                        @Override
                        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> context) {
                            ctx = context;
                            store = context.getStateStore("seen");
                        }

                        @Override
                        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
                            if (r.key() == null) {
                                return;
                            }
                            String before = store.get(r.key());
                            String now = before == null ? r.value() : before + "," + r.value();
                            store.put(r.key(), now);
                            ctx.forward(r.withValue(now));
                        }
                    }, "seen").to("history");
                })
                .caching(caching)
                .input("in", "a", "1", 10, "h", "x")
                .input("in", "b", "2", 5)
                .input("in", null, "3", 20)
                .input("in", "a", "4", 7)
                .input("in", "b", "5", 30)
                .outputs("history");
        d.assertSameOutput();
        d.assertSameTopologyNames();
    }
}
