package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics()} of the processor, fixed-key processor and store contexts on Rill and on Apache Kafka Streams:
 * processors add sensors, record into them, and forward what the registry then says (metric values, the tags of the
 * scope), so equal output means the sensors count and are named alike.
 */
class StreamsMetricsDifferentialTest {

    /** The value of the metric of this name and group whose tags include {@code tags}, or "absent". */
    static String value(Map<MetricName, ? extends Metric> metrics, String name, String group, Map<String, String> tags) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals(group)
                        && e.getKey().tags().entrySet().containsAll(tags.entrySet()))
                .map(e -> String.valueOf(e.getValue().metricValue()))
                .findFirst().orElse("absent");
    }

    /** Records every record into an INFO rate/total sensor and a DEBUG one, removing the DEBUG one on value "rm". */
    static String hit(Supplier<Map<MetricName, ? extends Metric>> metrics, Sensor info, Sensor debug, String value,
                      Runnable remove) {
        info.record();
        debug.record();
        if ("rm".equals(value)) {
            remove.run();
        }
        Map<String, String> tags = Map.of("fraud-id", "rule-7", "kind", "test");
        return value(metrics.get(), "hit-total", "stream-fraud-metrics", tags)
                + "|" + value(metrics.get(), "miss-total", "stream-fraud-metrics", Map.of("fraud-id", "rule-8"));
    }

    // ---- Rill side

    static final class RillProc implements dev.rill.streams.processor.api.Processor<String, String, String, String> {
        private dev.rill.streams.processor.api.ProcessorContext<String, String> ctx;
        private Sensor info;
        private Sensor debug;

        @Override
        public void init(dev.rill.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            info = c.metrics().addRateTotalSensor("fraud", "rule-7", "hit", Sensor.RecordingLevel.INFO, "kind", "test");
            debug = c.metrics().addRateTotalSensor("fraud", "rule-8", "miss", Sensor.RecordingLevel.DEBUG);
            RillStore store = c.getStateStore("counting");
            Objects.requireNonNull(store);
        }

        @Override
        public void process(dev.rill.streams.processor.api.Record<String, String> r) {
            String seen = hit(() -> ctx.metrics().metrics(), info, debug, r.value(),
                    () -> ctx.metrics().removeSensor(debug));
            RillStore store = ctx.getStateStore("counting");
            store.opened.record();
            ctx.forward(r.withValue(seen + "|" + value(ctx.metrics().metrics(), "store-uses", "custom", Map.of())));
        }
    }

    static final class RillFixed implements dev.rill.streams.processor.api.FixedKeyProcessor<String, String, String> {
        private dev.rill.streams.processor.api.FixedKeyProcessorContext<String, String> ctx;
        private Sensor latency;

        @Override
        public void init(dev.rill.streams.processor.api.FixedKeyProcessorContext<String, String> c) {
            ctx = c;
            latency = c.metrics().addLatencyRateTotalSensor("stage", "s1", "work", Sensor.RecordingLevel.INFO);
        }

        @Override
        public void process(dev.rill.streams.processor.api.FixedKeyRecord<String, String> r) {
            latency.record(r.value().length());
            Map<String, String> tags = Map.of("stage-id", "s1");
            ctx.forward(r.withValue(r.value() + "|" + value(ctx.metrics().metrics(), "work-latency-max",
                    "stream-stage-metrics", tags) + "|" + value(ctx.metrics().metrics(), "work-latency-avg",
                    "stream-stage-metrics", tags) + "|" + value(ctx.metrics().metrics(), "work-total",
                    "stream-stage-metrics", tags)));
        }
    }

    static final class RillStore implements dev.rill.streams.processor.StateStore {
        private boolean open;
        Sensor opened;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void init(dev.rill.streams.processor.StateStoreContext c, dev.rill.streams.processor.StateStore root) {
            opened = c.metrics().addSensor("counting-store-uses", Sensor.RecordingLevel.INFO);
            opened.add(new MetricName("store-uses", "custom", "uses of the store", Map.of()), new CumulativeCount());
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

    static final class RillBuilder implements dev.rill.streams.state.StoreBuilder<RillStore> {
        public RillBuilder withCachingEnabled() { return this; }
        public RillBuilder withCachingDisabled() { return this; }
        public RillBuilder withLoggingEnabled(Map<String, String> config) { return this; }
        public RillBuilder withLoggingDisabled() { return this; }
        public RillStore build() { return new RillStore(); }
        public Map<String, String> logConfig() { return Map.of(); }
        public boolean loggingEnabled() { return false; }
        public String name() { return "counting"; }
    }

    // ---- Apache side

    static final class ApacheProc implements org.apache.kafka.streams.processor.api.Processor<String, String, String, String> {
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> ctx;
        private Sensor info;
        private Sensor debug;

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> c) {
            ctx = c;
            info = c.metrics().addRateTotalSensor("fraud", "rule-7", "hit", Sensor.RecordingLevel.INFO, "kind", "test");
            debug = c.metrics().addRateTotalSensor("fraud", "rule-8", "miss", Sensor.RecordingLevel.DEBUG);
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
            String seen = hit(() -> ctx.metrics().metrics(), info, debug, r.value(),
                    () -> ctx.metrics().removeSensor(debug));
            ApacheStore store = ctx.getStateStore("counting");
            store.opened.record();
            ctx.forward(r.withValue(seen + "|" + value(ctx.metrics().metrics(), "store-uses", "custom", Map.of())));
        }
    }

    static final class ApacheFixed implements org.apache.kafka.streams.processor.api.FixedKeyProcessor<String, String, String> {
        private org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> ctx;
        private Sensor latency;

        @Override
        public void init(org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> c) {
            ctx = c;
            latency = c.metrics().addLatencyRateTotalSensor("stage", "s1", "work", Sensor.RecordingLevel.INFO);
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.FixedKeyRecord<String, String> r) {
            latency.record(r.value().length());
            Map<String, String> tags = Map.of("stage-id", "s1");
            ctx.forward(r.withValue(r.value() + "|" + value(ctx.metrics().metrics(), "work-latency-max",
                    "stream-stage-metrics", tags) + "|" + value(ctx.metrics().metrics(), "work-latency-avg",
                    "stream-stage-metrics", tags) + "|" + value(ctx.metrics().metrics(), "work-total",
                    "stream-stage-metrics", tags)));
        }
    }

    static final class ApacheStore implements org.apache.kafka.streams.processor.StateStore {
        private boolean open;
        Sensor opened;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void init(org.apache.kafka.streams.processor.StateStoreContext c,
                         org.apache.kafka.streams.processor.StateStore root) {
            opened = c.metrics().addSensor("counting-store-uses", Sensor.RecordingLevel.INFO);
            opened.add(new MetricName("store-uses", "custom", "uses of the store", Map.of()), new CumulativeCount());
            c.register(root, (k, v) -> { });
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

    static final class ApacheBuilder implements org.apache.kafka.streams.state.StoreBuilder<ApacheStore> {
        public ApacheBuilder withCachingEnabled() { return this; }
        public ApacheBuilder withCachingDisabled() { return this; }
        public ApacheBuilder withLoggingEnabled(Map<String, String> config) { return this; }
        public ApacheBuilder withLoggingDisabled() { return this; }
        public ApacheStore build() { return new ApacheStore(); }
        public Map<String, String> logConfig() { return Map.of(); }
        public boolean loggingEnabled() { return false; }
        public String name() { return "counting"; }
    }

    @Test
    void sensorsAddedThroughContextsCountAndAreNamedAsInKafkaStreams() {
        var out = Differential.dsl(
                        b -> b.addStateStore(new RillBuilder())
                                .<String, String>stream("in")
                                .process(RillProc::new, "counting")
                                .processValues(RillFixed::new)
                                .to("out"),
                        b -> b.addStateStore(new ApacheBuilder())
                                .<String, String>stream("in")
                                .process(ApacheProc::new, "counting")
                                .processValues(ApacheFixed::new)
                                .to("out"))
                .input("in", "a", "x", 5)
                .input("in", "b", "rm", 10)
                .input("in", "c", "xyz", 30)
                .outputs("out")
                .assertSameOutput();
        // hit-total | miss-total (DEBUG: not recorded; then removed) | store uses | latency max | avg | total
        assertThat(out.get("out")).extracting(o -> o.value()).containsExactly(
                "1.0|0.0|1.0|11.0|11.0|1.0",
                "2.0|absent|2.0|14.0|12.5|2.0",
                "3.0|absent|3.0|14.0|13.0|3.0");
    }

    @Test
    void oddTagsAreRejectedAsInKafkaStreams() {
        var rill = new dev.rill.streams.internal.metrics.StreamsMetricsImpl(new org.apache.kafka.common.metrics.Metrics());
        assertThatThrownBy(() -> rill.addRateTotalSensor("s", "e", "op", Sensor.RecordingLevel.INFO, "lonely"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rill.metrics()).noneSatisfy((name, metric) -> assertThat(name.name()).isEqualTo("op-total"));
    }
}
