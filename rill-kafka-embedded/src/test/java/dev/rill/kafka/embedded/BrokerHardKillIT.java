package dev.rill.kafka.embedded;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker killed like kill -9 under an acks=all producer loses no acknowledged record, then catches up. */
class BrokerHardKillIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA =
            EmbeddedKafkaExtension.of(() -> EmbeddedKafkaCluster.builder().brokers(3).forkedBrokers(true));

    @Test
    void acknowledgedRecordsSurviveAHardKilledBrokerThatThenCatchesUp() throws Exception {
        EmbeddedKafkaCluster cluster = KAFKA.cluster();
        String topic = "durable-" + System.nanoTime();
        cluster.createTopic(topic, 3, 3, Map.of("min.insync.replicas", "2"));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produceUntilStopped(cluster.bootstrapServers(), topic, producing, sent,
                acknowledged), "acks-all-producer");
        producer.start();

        awaitAtLeast(acknowledged, 2_000);
        cluster.hardKillBroker(1);
        assertThat(cluster.isBrokerRunning(1)).isFalse();
        int ackedAtKill = acknowledged.size();
        awaitAtLeast(acknowledged, ackedAtKill + 2_000);   // the two survivors still satisfy min.insync.replicas=2

        cluster.startBroker(1);
        awaitAtLeast(acknowledged, acknowledged.size() + 1_000);
        producing.set(false);
        producer.join(TimeUnit.SECONDS.toMillis(60));

        awaitFullIsr(cluster, topic);
        List<ConsumerRecord<String, String>> read =
                Records.consume(cluster.bootstrapServers(), topic, acknowledged.size(), Duration.ofSeconds(60));
        Set<String> missing = new HashSet<>(acknowledged);
        read.forEach(record -> missing.remove(record.value()));
        assertThat(missing).as("acknowledged records missing after the kill (of %d)", acknowledged.size()).isEmpty();
        assertThat(acknowledged.size()).isGreaterThan(ackedAtKill);
    }

    private static void produceUntilStopped(String bootstrap, String topic, AtomicBoolean producing,
                                            AtomicInteger sent, Set<String> acknowledged) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            while (producing.get()) {
                String value = "record-" + sent.getAndIncrement();
                producer.send(new ProducerRecord<>(topic, value, value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(value);
                    }
                });
                if (sent.get() % 500 == 0) {
                    producer.flush();
                }
            }
            producer.flush();
        }
    }

    private static void awaitAtLeast(Set<String> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (acknowledged.size() < count) {
            assertThat(System.nanoTime()).as("acknowledged records reaching %d (have %d)", count, acknowledged.size())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitFullIsr(EmbeddedKafkaCluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                boolean caughtUp = description.partitions().stream()
                        .map(TopicPartitionInfo::isr).allMatch(isr -> isr.size() == 3);
                if (caughtUp) {
                    return;
                }
                assertThat(System.nanoTime()).as("restarted broker back in every ISR of %s: %s", topic, description)
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }
}
