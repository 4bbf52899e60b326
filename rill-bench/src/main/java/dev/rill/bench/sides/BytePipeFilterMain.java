package dev.rill.bench.sides;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The ceiling: the seed filter as a plain kafka-clients loop on raw bytes, committing like Kafka Streams does
 * at-least-once (flush the producer, then commit the consumed offsets synchronously, every commit interval).
 */
public final class BytePipeFilterMain {

    static final String COMMIT_INTERVAL = "bench.commit.interval.ms";
    private static final byte[] UNKNOWN = "unknown".getBytes(StandardCharsets.UTF_8);

    private BytePipeFilterMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = SideMain.load(args);
        String input = SideMain.take(props, SideMain.INPUT_TOPIC);
        String output = SideMain.take(props, SideMain.OUTPUT_TOPIC);
        long commitIntervalMs = Long.parseLong(SideMain.take(props, COMMIT_INTERVAL));

        Map<String, Object> consumerConfig = new HashMap<>();
        Map<String, Object> producerConfig = new HashMap<>();
        props.stringPropertyNames().forEach(key -> {
            if (key.startsWith("consumer.")) {
                consumerConfig.put(key.substring("consumer.".length()), props.getProperty(key));
            } else if (key.startsWith("producer.")) {
                producerConfig.put(key.substring("producer.".length()), props.getProperty(key));
            } else {
                consumerConfig.put(key, props.getProperty(key));
                producerConfig.put(key, props.getProperty(key));
            }
        });
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        producerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);

        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            try {
                pipe(consumer, producer, input, output, commitIntervalMs);
            } catch (WakeupException e) {
                // asked to stop
            } catch (Throwable e) {
                e.printStackTrace();
                Runtime.getRuntime().halt(1);
            } finally {
                stopped.countDown();
            }
        }, "byte-pipe");
        loop.start();
        SideMain.runUntilStopped(() -> {
            consumer.wakeup();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(30));
            consumer.close(Duration.ofSeconds(30));
        });
    }

    private static void pipe(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
                             String input, String output, long commitIntervalMs) {
        Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
        consumer.subscribe(List.of(input), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commit(consumer, producer, consumed);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        });
        long nextCommit = System.currentTimeMillis() + commitIntervalMs;
        while (true) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (Arrays.equals(UNKNOWN, record.key())) {
                    producer.send(new ProducerRecord<>(output, null, record.timestamp(), record.key(), record.value(),
                            record.headers()), (metadata, error) -> {
                        if (error != null) {
                            error.printStackTrace();
                            Runtime.getRuntime().halt(1);
                        }
                    });
                }
                consumed.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            }
            if (System.currentTimeMillis() >= nextCommit) {
                commit(consumer, producer, consumed);
                nextCommit = System.currentTimeMillis() + commitIntervalMs;
            }
        }
    }

    private static void commit(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
                               Map<TopicPartition, OffsetAndMetadata> consumed) {
        if (consumed.isEmpty()) {
            return;
        }
        producer.flush();
        consumer.commitSync(consumed);
        consumed.clear();
    }
}
