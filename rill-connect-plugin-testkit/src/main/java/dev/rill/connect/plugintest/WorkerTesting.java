package dev.rill.connect.plugintest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Worker settings with the plugin directory of the module under test on plugin.path (Maven passes it as the
 * system property {@code rill.plugin.path}), and plain Kafka helpers for end-to-end tests.
 */
public final class WorkerTesting {
    private WorkerTesting() {
    }

    public static Map<String, String> workerProps(String bootstrap, Path dir) {
        String pluginPath = System.getProperty("rill.plugin.path");
        if (pluginPath == null) {
            throw new IllegalStateException("rill.plugin.path is not set; run the end-to-end tests through Maven");
        }
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("plugin.path", pluginPath);
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter.schemas.enable", "false");
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        props.put("offset.flush.interval.ms", "500");
        props.put("listeners", "http://localhost:0");
        return props;
    }

    /** Sends key/value pairs (a null value is a tombstone) in order and waits until all are acknowledged. */
    public static void produce(String bootstrap, String topic, List<Map.Entry<String, String>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Map.Entry<String, String> record : records) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()));
            }
            producer.flush();
        }
    }

    /** Reads {@code topic} from the start until {@code count} records arrived, then briefly for extras. */
    public static List<ConsumerRecord<String, String>> consume(String bootstrap, String topic, int count) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
