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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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

        try (RunningCommand kafka = RunningCommand.start(port, dataDir)) {
            assertThat(kafka.awaitLine("ready at " + bootstrap)).isTrue();
            produce(bootstrap, topic);
            assertThat(kafka.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(kafka.awaitLine("Kafka stopped; data kept in")).isTrue();
        }

        try (RunningCommand kafka = RunningCommand.start(port, dataDir)) {
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

    /** The CLI in a child JVM, with its output collected line by line. */
    private static final class RunningCommand implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private RunningCommand(Process process) {
            this.process = process;
            Thread reader = new Thread(this::collect, "cli-output");
            reader.setDaemon(true);
            reader.start();
        }

        static RunningCommand start(int port, Path dataDir) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new RunningCommand(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "kafka", "--port", Integer.toString(port), "--data-dir", dataDir.toString())
                    .redirectErrorStream(true).start());
        }

        private void collect() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println("rill kafka> " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }

        boolean awaitLine(String fragment) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.contains(fragment)) {
                    return true;
                }
            }
            return false;
        }

        /** Sends SIGTERM and returns the exit code (through the handle: Process.destroy() would close our pipes). */
        int terminate() throws InterruptedException {
            process.toHandle().destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("rill kafka stops after SIGTERM").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
