package dev.rill.connect.testing;

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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Worker settings and Kafka helpers shared by the integration tests. */
public final class ConnectTesting {
    private ConnectTesting() {
    }

    /** The plugin.path holding connect-file 4.3.1 from Maven Central (copied by the build, not on the classpath). */
    public static String testPluginPath() {
        String p = System.getProperty("rill.test.plugins");
        if (p == null) {
            throw new IllegalStateException("rill.test.plugins is not set; run the tests through Maven");
        }
        return p;
    }

    public static Map<String, String> workerProps(String bootstrap, Path dir) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("plugin.path", testPluginPath());
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        p.put("offset.flush.interval.ms", "500");
        p.put("listeners", "http://localhost:0");
        return p;
    }

    public static void produce(String bootstrap, String topic, List<String> values) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String v : values) {
            records.add(new ProducerRecord<>(topic, null, v == null ? null : v.getBytes()));
        }
        produceRecords(bootstrap, records);
    }

    public static void produceRecords(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
        }
    }

    /** Reads {@code count} records from the start of {@code topic} (fails after 30 s). */
    public static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, String topic, int count) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < count && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // one more short poll to catch records beyond the expected count (duplicates)
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    /**
     * The worker properties distributed-mode tests share: the test plugins, String converters, a free REST port, and
     * the group {@code cluster} with internal topics {@code <cluster>-configs|-offsets|-status} at the broker's
     * default replication.
     */
    public static Map<String, String> distributedWorkerProps(String bootstrap, String cluster) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("plugin.path", testPluginPath());
        p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        p.put("listeners", "http://localhost:0");
        p.put("group.id", cluster);
        p.put("config.storage.topic", cluster + "-configs");
        p.put("offset.storage.topic", cluster + "-offsets");
        p.put("status.storage.topic", cluster + "-status");
        p.put("config.storage.replication.factor", "-1");
        p.put("offset.storage.replication.factor", "-1");
        p.put("status.storage.replication.factor", "-1");
        return p;
    }

    /** Every record in {@code topic} now: all partitions read from the start to their end offsets at the call. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        return readAll(bootstrap, topic, "read_uncommitted");
    }

    /** {@link #readAll(String, String)} with the given {@code isolation.level}. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, String isolation) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<org.apache.kafka.common.TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30))
                    .stream().map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " within 30 s");
                }
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() < end.get(new org.apache.kafka.common.TopicPartition(r.topic(), r.partition()))) {
                        out.add(r);
                    }
                });
            }
        }
        return out;
    }
}
