package dev.rill.streams.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.ValueTransformerWithKey;
import dev.rill.streams.processor.ProcessorContext;
import dev.rill.streams.processor.To;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The old-style context inside {@code KTable.transformValues}: forwarding is refused, the rest works. */
class TransformValuesContextTest {
    @TempDir
    Path stateDir;

    private Properties props() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "tv-context");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put("my.app.greeting", "hello");
        // no record cache: the transformer then runs while the input record is processed (see docs/streams.md)
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        return p;
    }

    /** A topology whose transformer runs {@code onTransform} with its context, then returns the value upper-cased. */
    private TopologyTestDriver driver(BiConsumer<ProcessorContext, String> onTransform) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>table("t").transformValues(() -> new ValueTransformerWithKey<String, String, String>() {
            private ProcessorContext context;

            @Override
            public void init(ProcessorContext context) {
                this.context = context;
            }

            @Override
            public String transform(String key, String value) {
                onTransform.accept(context, value);
                return value == null ? null : value.toUpperCase();
            }

            @Override
            public void close() {
            }
        }).toStream().to("out");
        return new TopologyTestDriver(b.build(), props());
    }

    @Test
    void forwardInsideTransformValuesThrowsAClearError() {
        try (TopologyTestDriver driver = driver((context, value) -> context.forward("other-key", value))) {
            TestInputTopic<String, String> in = driver.createInputTopic("t", new StringSerializer(),
                    new StringSerializer());
            assertThatThrownBy(() -> in.pipeInput("k", "v"))
                    .satisfies(e -> assertThat(rootOfType(e, StreamsException.class)).isNotNull()
                            .hasMessageContaining("forward() is not supported inside KTable#transformValues")
                            .hasMessageContaining("KTABLE-TRANSFORMVALUES-"));
        }
    }

    @Test
    void forwardWithToIsRefusedToo() {
        try (TopologyTestDriver driver = driver((context, value) -> context.forward("k", value, To.all()))) {
            TestInputTopic<String, String> in = driver.createInputTopic("t", new StringSerializer(),
                    new StringSerializer());
            assertThatThrownBy(() -> in.pipeInput("k", "v"))
                    .satisfies(e -> assertThat(rootOfType(e, StreamsException.class)).isNotNull()
                            .hasMessageContaining("forward() is not supported"));
        }
    }

    @Test
    void theContextGivesConfigurationTaskAndRecordMetadata() {
        StringBuilder seen = new StringBuilder();
        try (TopologyTestDriver driver = driver((context, value) -> seen.append(context.applicationId()).append(' ')
                .append(context.taskId()).append(' ').append(context.appConfigsWithPrefix("my.app.")).append(' ')
                .append(context.topic()).append('/').append(context.partition()).append('/')
                .append(context.offset()).append(' ').append(context.timestamp()).append(' ')
                .append(context.keySerde().getClass().getSimpleName()).append(' ')
                .append(context.stateDir().exists()))) {
            driver.createInputTopic("t", new StringSerializer(), new StringSerializer())
                    .pipeInput("k", "v", 1234L);
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(),
                    new StringDeserializer());
            assertThat(out.readKeyValue().value).isEqualTo("V");
        }
        assertThat(seen.toString()).isEqualTo("tv-context 0_0 {greeting=hello} t/0/0 1234 StringSerde true");
    }

    private static <T extends Throwable> T rootOfType(Throwable e, Class<T> type) {
        T found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                found = type.cast(t);
            }
        }
        return found;
    }
}
