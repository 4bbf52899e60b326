package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Input and verification for the exactly-once tests: rounds of one record per key in, per-key counts out, read
 * back with {@code read_committed}.
 */
final class ExactlyOnceVerifier {
    private final String bootstrap;

    ExactlyOnceVerifier(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    static void assertExactlyOneToN(Map<String, List<Long>> outputs, int keys, int perKey) {
        List<Long> expected = LongStream.rangeClosed(1, perKey).boxed().toList();
        assertThat(outputs).hasSize(keys);
        outputs.forEach((key, counts) -> assertThat(counts).as("committed counts of %s", key)
                .containsExactlyElementsOf(expected));
    }

    static double metric(Map<MetricName, ? extends Metric> metrics, String name, String reason) {
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name)
                        && (reason == null || reason.equals(e.getKey().tags().get("reason"))))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    private KafkaConsumer<String, Long> readCommittedConsumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        return new KafkaConsumer<>(p, new StringDeserializer(), new LongDeserializer());
    }

    /** Number of committed records in the output topic (read_committed end offsets exclude open transactions). */
    long committedOutputs(String topic) {
        return readCommitted(topic, new ByteArrayDeserializer()).values().stream().mapToLong(List::size).sum();
    }

    /**
     * Every committed record of the topic, per partition in offset order: read with read_committed up to the end
     * offsets at the call (which stop before any open transaction).
     */
    Map<Integer, List<ConsumerRecord<String, String>>> readCommittedPartitions(String topic) {
        return readCommitted(topic, new StringDeserializer());
    }

    private <V> Map<Integer, List<ConsumerRecord<String, V>>> readCommitted(String topic, Deserializer<V> values) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        Map<Integer, List<ConsumerRecord<String, V>>> out = new TreeMap<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            tps.forEach(tp -> out.put(tp.partition(), new ArrayList<>()));
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long deadline = System.currentTimeMillis() + 60_000;
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                assertThat(System.currentTimeMillis()).as("reading %s up to %s", topic, ends).isLessThan(deadline);
                for (ConsumerRecord<String, V> r : c.poll(Duration.ofMillis(100))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.get(r.partition()).add(r);
                    }
                }
            }
        }
        return out;
    }

    /** Reads the output with read_committed until every key reached {@code perKey}; each key's values in order. */
    Map<String, List<Long>> readCommittedUntil(String topic, int keys, int perKey) {
        Map<String, List<Long>> out = new HashMap<>();
        try (KafkaConsumer<String, Long> c = readCommittedConsumer()) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
                for (ConsumerRecord<String, Long> r : c.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                }
                return out.size() == keys && out.values().stream()
                        .allMatch(v -> v.get(v.size() - 1) >= perKey);
            });
            // anything committed after the last expected value would be a duplicate: read to the end once more
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long deadline = System.currentTimeMillis() + 10_000;
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, Long> r : c.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                }
            }
        }
        return out;
    }

    /** Sends rounds {@code from} (inclusive) to {@code to} (exclusive): in each round one record per key. */
    void produce(String topic, int keys, int from, int to) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int round = from; round < to; round++) {
                for (int k = 0; k < keys; k++) {
                    producer.send(new ProducerRecord<>(topic, "key-" + k, "v" + round));
                }
            }
            producer.flush();
        }
    }
}
