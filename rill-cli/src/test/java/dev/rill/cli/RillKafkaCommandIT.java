package dev.rill.cli;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rill kafka} as a user runs it: its own JVM, stock clients, SIGTERM, a restart on the same data dir. */
class RillKafkaCommandIT {

    private static final int RECORDS = 10_000;

    @Test
    void servesStockClientsStopsOnSigtermAndKeepsRecordsAcrossARestart(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        String bootstrap = "localhost:" + port;
        String topic = "cli-records";

        try (ForkedCli kafka = startKafka(port, dataDir)) {
            assertThat(kafka.awaitLine("ready at " + bootstrap)).isTrue();
            produce(bootstrap, topic);
            assertThat(kafka.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(kafka.awaitLine("Kafka stopped; data kept in")).isTrue();
        }

        try (ForkedCli kafka = startKafka(port, dataDir)) {
            assertThat(kafka.awaitLine("ready at " + bootstrap)).isTrue();
            assertThat(consumeValues(bootstrap, topic)).hasSize(RECORDS).contains("value-0", "value-" + (RECORDS - 1));
            kafka.terminate();
        }
    }

    private static void produce(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    private static Set<String> consumeValues(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "cli-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ForkedCli startKafka(int port, Path dataDir) throws IOException {
        return ForkedCli.start("kafka", "--port", Integer.toString(port), "--data-dir", dataDir.toString());
    }
}
