package dev.rill.streams.test.diff;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code StateStoreContext.recordMetadata()} on Rill and on Apache Kafka Streams: a store asked during processing
 * sees the input record's topic, partition and offset; asked in a punctuation it sees none.
 */
class StoreContextRecordMetadataDifferentialTest {

    static final class RillMetaStore implements dev.rill.streams.processor.StateStore {
        private dev.rill.streams.processor.StateStoreContext context;
        private boolean open;

        String seen() {
            return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("none");
        }

        @Override
        public String name() {
            return "meta";
        }

        @Override
        public void init(dev.rill.streams.processor.StateStoreContext c, dev.rill.streams.processor.StateStore root) {
            context = c;
            open = true;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    static final class ApacheMetaStore implements org.apache.kafka.streams.processor.StateStore {
        private org.apache.kafka.streams.processor.StateStoreContext context;
        private boolean open;

        String seen() {
            return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("none");
        }

        @Override
        public String name() {
            return "meta";
        }

        @Override
        public void init(org.apache.kafka.streams.processor.StateStoreContext c, org.apache.kafka.streams.processor.StateStore root) {
            context = c;
            open = true;
            c.register(root, (k, v) -> { });
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    static final class RillBuilder implements dev.rill.streams.state.StoreBuilder<RillMetaStore> {
        public RillBuilder withCachingEnabled() { return this; }
        public RillBuilder withCachingDisabled() { return this; }
        public RillBuilder withLoggingEnabled(Map<String, String> config) { return this; }
        public RillBuilder withLoggingDisabled() { return this; }
        public RillMetaStore build() { return new RillMetaStore(); }
        public Map<String, String> logConfig() { return Map.of(); }
        public boolean loggingEnabled() { return false; }
        public String name() { return "meta"; }
    }

    static final class ApacheBuilder implements org.apache.kafka.streams.state.StoreBuilder<ApacheMetaStore> {
        public ApacheBuilder withCachingEnabled() { return this; }
        public ApacheBuilder withCachingDisabled() { return this; }
        public ApacheBuilder withLoggingEnabled(Map<String, String> config) { return this; }
        public ApacheBuilder withLoggingDisabled() { return this; }
        public ApacheMetaStore build() { return new ApacheMetaStore(); }
        public Map<String, String> logConfig() { return Map.of(); }
        public boolean loggingEnabled() { return false; }
        public String name() { return "meta"; }
    }

    static final class RillProc implements dev.rill.streams.processor.api.Processor<String, String, String, String> {
        private dev.rill.streams.processor.api.ProcessorContext<String, String> ctx;
        private RillMetaStore store;

        @Override
        public void init(dev.rill.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            store = c.getStateStore("meta");
            c.schedule(Duration.ofMillis(20), dev.rill.streams.processor.PunctuationType.STREAM_TIME,
                    ts -> ctx.forward(new dev.rill.streams.processor.api.Record<>("punct", store.seen(), ts)));
        }

        @Override
        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
            ctx.forward(r.withValue(store.seen()));
        }
    }

    static final class ApacheProc implements org.apache.kafka.streams.processor.api.Processor<String, String, String, String> {
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> ctx;
        private ApacheMetaStore store;

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            store = c.getStateStore("meta");
            c.schedule(Duration.ofMillis(20), org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME,
                    ts -> ctx.forward(new org.apache.kafka.streams.processor.api.Record<>("punct", store.seen(), ts)));
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
            ctx.forward(r.withValue(store.seen()));
        }
    }

    @Test
    void storesSeeTheInputRecordsMetadataOnlyWhileItIsProcessed() {
        Differential.papi(
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in1", "in2")
                                .addProcessor("proc", RillProc::new, "src")
                                .addStateStore(new RillBuilder(), "proc")
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(), "proc"),
                        t -> t.addSource("src", new StringDeserializer(), new StringDeserializer(), "in1", "in2")
                                .addProcessor("proc", ApacheProc::new, "src")
                                .addStateStore(new ApacheBuilder(), "proc")
                                .addSink("sink", "out", new StringSerializer(), new StringSerializer(), "proc"))
                .input("in1", "a", "1", 5)
                .input("in2", "b", "2", 10)
                .input("in1", "c", "3", 30)
                .input("in2", "d", "4", 50)
                .outputs("out")
                .assertSameOutput();
    }
}
