package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.DefaultKafkaClientSupplier;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code buffered.records.per.partition}: a task that reads two partitions in timestamp order, one of them far
 * ahead in time, buffers the one ahead while it works through the other; the stream thread stops fetching a partition
 * whose buffer is over the bound and fetches it again once the task has processed it down, and every record is
 * processed.
 */
class BufferedRecordsPauseIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private static final int RECORDS = 3_000;

    /** Main consumers that log which partitions the stream thread paused and resumed, in order. */
    static final class PauseRecordingSupplier extends DefaultKafkaClientSupplier {
        final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
            return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()) {
                @Override
                public void pause(Collection<TopicPartition> partitions) {
                    partitions.forEach(tp -> events.add("pause " + tp));
                    super.pause(partitions);
                }

                @Override
                public void resume(Collection<TopicPartition> partitions) {
                    partitions.forEach(tp -> events.add("resume " + tp));
                    super.resume(partitions);
                }
            };
        }
    }

    @Test
    void pausesAPartitionWhoseTaskBuffersTooManyOfItsRecordsAndResumesItOnceProcessed() throws Exception {
        String early = KAFKA.cluster().newTopic("buffer-early", 1);
        String late = KAFKA.cluster().newTopic("buffer-late", 1);
        String out = KAFKA.cluster().newTopic("buffer-out", 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                KAFKA.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(late, null, 1_000_000L + i, "late", "l" + i));
                producer.send(new ProducerRecord<>(early, null, (long) i, "early", "e" + i));
            }
        }
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(List.of(early, late)).to(out); // one task reads both partitions
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "buffer-" + System.nanoTime());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("rill-buffer-").toString());
        p.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 20);
        p.put("main.consumer.max.poll.records", 500);
        p.put("main.consumer.max.partition.fetch.bytes", 16 * 1024);
        PauseRecordingSupplier supplier = new PauseRecordingSupplier();

        try (RillStreams streams = new RillStreams(b.build(), p, supplier)) {
            streams.start();
            List<ConsumerRecord<String, String>> output = RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), out,
                    2 * RECORDS, new StringDeserializer(), new StringDeserializer());
            assertThat(output).hasSize(2 * RECORDS);
            // in timestamp order across the two partitions: every early record before every late one
            assertThat(output.subList(0, RECORDS)).allMatch(r -> r.key().equals("early"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<String> events;
                synchronized (supplier.events) {
                    events = List.copyOf(supplier.events);
                }
                assertThat(events).as("the partition ahead was paused").contains("pause " + late + "-0");
                Set<String> pausedNow = new HashSet<>();
                for (String e : events) {
                    String tp = e.substring(e.indexOf(' ') + 1);
                    if (e.startsWith("pause ")) {
                        pausedNow.add(tp);
                    } else {
                        pausedNow.remove(tp);
                    }
                }
                assertThat(pausedNow).as("partitions still paused once everything was processed").isEmpty();
            });
        }
    }
}
