package dev.rill.streams.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.KeyValue;
import dev.rill.streams.Topology;
import dev.rill.streams.kstream.SessionWindow;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.Stores;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.WindowStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The driver hands out window and session stores as Kafka Streams' driver does. */
class WindowStoreDriverTest {

    @Test
    void windowAndSessionStoresAreReadableThroughTheDriver() throws Exception {
        Topology t = new Topology()
                .addSource("src", "in")
                .addProcessor("proc", () -> new Processor<String, String, Void, Void>() {
                    private TimestampedWindowStore<String, String> windows;
                    private SessionStore<String, String> sessions;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        windows = context.getStateStore("windows");
                        sessions = context.getStateStore("sessions");
                    }

                    @Override
                    public void process(Record<String, String> r) {
                        windows.put(r.key(), ValueAndTimestamp.make(r.value(), r.timestamp()), r.timestamp() / 10 * 10);
                        sessions.put(new Windowed<>(r.key(), new SessionWindow(r.timestamp(), r.timestamp() + 5)),
                                r.value());
                    }
                }, "src")
                .addStateStore(Stores.timestampedWindowStoreBuilder(Stores.inMemoryWindowStore("windows",
                        Duration.ofMinutes(1), Duration.ofMillis(10), false), Serdes.String(), Serdes.String()), "proc")
                .addStateStore(Stores.sessionStoreBuilder(Stores.persistentSessionStore("sessions",
                        Duration.ofMinutes(1)), Serdes.String(), Serdes.String()), "proc");
        Properties p = new Properties();
        p.put("application.id", "driver-windows");
        p.put("bootstrap.servers", "dummy:9092");
        p.put("default.key.serde", Serdes.StringSerde.class);
        p.put("default.value.serde", Serdes.StringSerde.class);
        p.put("state.dir", Files.createTempDirectory("rill-driver-windows-").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(t, p)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                    new StringSerializer());
            in.pipeInput("a", "x", 12);
            in.pipeInput("a", "y", 25);

            WindowStore<String, String> plain = driver.getWindowStore("windows");
            List<KeyValue<Long, String>> found = new ArrayList<>();
            try (var it = plain.fetch("a", 0, 100)) {
                it.forEachRemaining(found::add);
            }
            assertThat(found).containsExactly(KeyValue.pair(10L, "x"), KeyValue.pair(20L, "y"));
            WindowStore<String, ValueAndTimestamp<String>> stamped = driver.getTimestampedWindowStore("windows");
            assertThat(stamped.fetch("a", 20)).isEqualTo(ValueAndTimestamp.make("y", 25));
            plain.put("b", "z", 30);
            assertThat(stamped.fetch("b", 30)).isEqualTo(ValueAndTimestamp.make("z", -1));

            SessionStore<String, String> sessions = driver.getSessionStore("sessions");
            assertThat(sessions.fetchSession("a", 25, 30)).isEqualTo("y");
        }
    }

    @Test
    void aWindowStoreAddedToTheStreamsBuilderServesTheDslsProcessStep() throws Exception {
        dev.rill.streams.StreamsBuilder b = new dev.rill.streams.StreamsBuilder();
        b.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore("seen", Duration.ofMinutes(1),
                Duration.ofSeconds(10), false), Serdes.String(), Serdes.Long()));
        b.<String, String>stream("in").process(() -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> ctx;
            private WindowStore<String, Long> seen;

            @Override
            public void init(ProcessorContext<String, String> context) {
                ctx = context;
                seen = context.getStateStore("seen");
            }

            @Override
            public void process(Record<String, String> r) {
                long start = r.timestamp() - r.timestamp() % 10_000;
                Long count = seen.fetch(r.key(), start);
                long next = count == null ? 1 : count + 1;
                seen.put(r.key(), next, start);
                ctx.forward(r.withValue(r.key() + "@" + start + "=" + next));
            }
        }, "seen").to("out");
        Properties p = new Properties();
        p.put("application.id", "driver-builder-windows");
        p.put("bootstrap.servers", "dummy:9092");
        p.put("default.key.serde", Serdes.StringSerde.class);
        p.put("default.value.serde", Serdes.StringSerde.class);
        p.put("state.dir", Files.createTempDirectory("rill-driver-windows-").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), p)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                    new StringSerializer());
            in.pipeInput("a", "x", 1_000);
            in.pipeInput("a", "x", 9_000);
            in.pipeInput("a", "x", 11_000);
            assertThat(driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer())
                    .readValuesToList()).containsExactly("a@0=1", "a@0=2", "a@10000=1");
        }
    }
}
