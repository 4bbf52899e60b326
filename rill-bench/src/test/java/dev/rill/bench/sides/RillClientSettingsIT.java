package dev.rill.bench.sides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.DefaultKafkaClientSupplier;
import dev.rill.streams.KafkaClientSupplier;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Kafka Streams with Rill's client settings" bench side is only honest while {@link RillClientSettings} says
 * what Rill Streams really gives its clients: a running instance's {@code KafkaClientSupplier} sees every value.
 */
class RillClientSettingsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path stateDir;

    @Test
    void theBenchSettingsAreTheOnesRillGivesItsClients() throws Exception {
        String in = KAFKA.cluster().newTopic("settings-in", 1);
        Map<String, Map<String, Object>> seen = new ConcurrentHashMap<>();
        KafkaClientSupplier recording = new DefaultKafkaClientSupplier() {
            @Override
            public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
                seen.put("producer", config);
                return super.getProducer(config);
            }

            @Override
            public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
                seen.put("main", config);
                return super.getConsumer(config);
            }

            @Override
            public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
                seen.put("restore", config);
                return super.getRestoreConsumer(config);
            }
        };
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(in).groupByKey().count(); // a store, so there is a restore consumer
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "settings-" + System.nanoTime());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (RillStreams streams = new RillStreams(builder.build(), props, recording)) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.keySet().containsAll(
                    java.util.Set.of("producer", "main", "restore")));
        }
        assertSubset(RillClientSettings.MAIN_CONSUMER, seen.get("main"), "main consumer");
        assertSubset(RillClientSettings.RESTORE_CONSUMER, seen.get("restore"), "restore consumer");
        assertSubset(RillClientSettings.PRODUCER, seen.get("producer"), "producer");
    }

    private static void assertSubset(Map<String, Object> expected, Map<String, Object> actual, String client) {
        expected.forEach((key, value) -> assertThat(String.valueOf(actual.get(key)))
                .as("%s %s (rill-bench's RillClientSettings vs Rill Streams' runtime)", client, key)
                .isEqualTo(String.valueOf(value)));
    }
}
