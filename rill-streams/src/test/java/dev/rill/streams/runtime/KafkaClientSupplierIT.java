package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.DefaultKafkaClientSupplier;
import dev.rill.streams.KafkaClientSupplier;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.Produced;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's {@link KafkaClientSupplier} makes every client of the instance, and those clients do the work. */
class KafkaClientSupplierIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    /** Makes default clients and keeps each with the configuration it was given. */
    static final class RecordingSupplier extends DefaultKafkaClientSupplier {
        final List<Map<String, Object>> admins = new ArrayList<>();
        final List<Map<String, Object>> producerConfigs = new ArrayList<>();
        final List<Producer<byte[], byte[]>> producers = new ArrayList<>();
        final List<Map<String, Object>> consumerConfigs = new ArrayList<>();
        final List<Consumer<byte[], byte[]>> consumers = new ArrayList<>();
        final List<Map<String, Object>> restoreConsumers = new ArrayList<>();
        final List<Map<String, Object>> globalConsumers = new ArrayList<>();
        final List<Consumer<byte[], byte[]>> globals = new ArrayList<>();

        @Override
        public synchronized Admin getAdmin(Map<String, Object> config) {
            admins.add(Map.copyOf(config));
            return super.getAdmin(config);
        }

        @Override
        public synchronized Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
            producerConfigs.add(Map.copyOf(config));
            Producer<byte[], byte[]> p = super.getProducer(config);
            producers.add(p);
            return p;
        }

        @Override
        public synchronized Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
            consumerConfigs.add(Map.copyOf(config));
            Consumer<byte[], byte[]> c = super.getConsumer(config);
            consumers.add(c);
            return c;
        }

        @Override
        public synchronized Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
            restoreConsumers.add(Map.copyOf(config));
            return super.getRestoreConsumer(config);
        }

        @Override
        public synchronized Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
            globalConsumers.add(Map.copyOf(config));
            Consumer<byte[], byte[]> c = super.getGlobalConsumer(config);
            globals.add(c);
            return c;
        }
    }

    private static double metric(Map<?, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(e -> ((org.apache.kafka.common.MetricName) e.getKey()).name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).max().orElse(0);
    }

    @Test
    void everyClientComesFromTheSupplierAndDoesTheWork() throws Exception {
        String app = "supplier-" + System.nanoTime();
        String in = KAFKA.cluster().newTopic("supplier-in", 2);
        String out = KAFKA.cluster().newTopic("supplier-out", 2);
        String global = KAFKA.cluster().newTopic("supplier-global", 1);
        produce(in, "a", "b", "a");
        produce(global, "g");
        StreamsBuilder b = new StreamsBuilder();
        b.globalTable(global);
        b.<String, String>stream(in).groupByKey().count().toStream()
                .to(out, Produced.with(Serdes.String(), Serdes.Long()));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-supplier-").toString());
        RecordingSupplier supplier = new RecordingSupplier();

        try (RillStreams streams = new RillStreams(b.build(), p, supplier)) {
            streams.start();
            List<ConsumerRecord<String, Long>> counts = RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), out,
                    2, new StringDeserializer(), new LongDeserializer());
            Map<String, Long> latest = new java.util.HashMap<>();
            counts.forEach(r -> latest.put(r.key(), r.value()));
            assertThat(latest).containsEntry("b", 1L);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), out, 2, new StringDeserializer(),
                        new LongDeserializer()).forEach(r -> latest.put(r.key(), r.value()));
                return Long.valueOf(2L).equals(latest.get("a"));
            });
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> supplier.producers.stream().mapToDouble(x -> metric(x.metrics(), "record-send-total"))
                            .sum() >= 3);
            assertThat(supplier.consumers.stream().mapToDouble(c -> metric(c.metrics(), "records-consumed-total"))
                    .sum()).as("the supplier's consumers read the input").isGreaterThanOrEqualTo(3);
            assertThat(metric(supplier.globals.get(0).metrics(), "records-consumed-total"))
                    .as("the supplier's global consumer read the global topic").isGreaterThanOrEqualTo(1);
        }

        assertThat(supplier.admins).hasSize(1);
        assertThat(supplier.producerConfigs).as("one producer per stream thread").hasSize(2);
        assertThat(supplier.consumerConfigs).as("one group member per stream thread").hasSize(2);
        assertThat(supplier.consumerConfigs).allSatisfy(c -> assertThat(c)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, app)
                .containsKey(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG));
        assertThat(supplier.producerConfigs).extracting(c -> (String) c.get(ProducerConfig.CLIENT_ID_CONFIG))
                .allMatch(id -> id.contains("-StreamThread-") && id.endsWith("-producer"));
        assertThat(supplier.restoreConsumers).as("per thread: the standby reader and the restorer's first")
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(c -> assertThat(c).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG));
        assertThat(supplier.globalConsumers).hasSize(1);
    }

    @Test
    void aNullSupplierIsRefused() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "x");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        StreamsBuilder b = new StreamsBuilder();
        b.stream("x-in").to("x-out");
        assertThatThrownBy(() -> new RillStreams(b.build(), new StreamsConfig(p), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("clientSupplier");
    }

    private static void produce(String topic, String... keys) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (String k : keys) {
                producer.send(new ProducerRecord<>(topic, k, "v"));
            }
        }
    }
}
