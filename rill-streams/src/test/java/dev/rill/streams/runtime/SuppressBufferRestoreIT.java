package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.Suppressed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unbounded suppression buffer lives in a RocksDB store with a changelog (Rill; Kafka Streams keeps it on the heap):
 * 500 keys are buffered by one instance, which stops; a second instance with an empty state directory restores the
 * buffer from its changelog, and when stream time passes the time limit it emits every buffered key exactly once
 * with its count, in buffer order.
 */
class SuppressBufferRestoreIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void aBufferRestoredFromItsChangelogEmitsEveryKeyOnce() throws Exception {
        String in = KAFKA.cluster().newTopic("suppress-in", 1);
        String out = KAFKA.cluster().newTopic("suppress-out", 1);
        String app = "suppress-" + System.nanoTime();
        produce(in, 0, 500, 1_000);
        try (RillStreams streams = new RillStreams(topology(in, out), props(app, first))) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.processedRecords() == 500);
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(first)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("held-store")
                    && f.getParent().getFileName().toString().equals("rocksdb")))
                    .as("the unbounded buffer is a RocksDB store on disk, not a heap map").isNotEmpty();
        }
        try (org.apache.kafka.clients.admin.Admin admin = KAFKA.cluster().admin()) {
            var end = admin.listOffsets(Map.of(new org.apache.kafka.common.TopicPartition(out, 0),
                    org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get();
            assertThat(end.values().iterator().next().offset())
                    .as("nothing left the buffer before the time limit (the first instance closed cleanly)").isZero();
        }

        try (RillStreams streams = new RillStreams(topology(in, out), props(app, second))) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == RillStreams.State.RUNNING);
            produce(in, 500, 501, 100_000);
            List<ConsumerRecord<String, Long>> emitted = RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), out,
                    500, new StringDeserializer(), new LongDeserializer());
            Map<String, Long> counts = new TreeMap<>();
            emitted.forEach(r -> assertThat(counts.put(r.key(), r.value())).as("%s emitted once", r.key()).isNull());
            assertThat(counts).hasSize(500).allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
            assertThat(emitted.get(0).key()).isEqualTo("k000");
        }
    }

    private static dev.rill.streams.Topology topology(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).groupByKey().count()
                .suppress(Suppressed.untilTimeLimit(Duration.ofSeconds(10), Suppressed.BufferConfig.unbounded())
                        .withName("held"))
                .toStream().to(out, dev.rill.streams.kstream.Produced.with(
                        org.apache.kafka.common.serialization.Serdes.String(),
                        org.apache.kafka.common.serialization.Serdes.Long()));
        return b.build();
    }

    private static Properties props(String app, Path stateDir) {
        Properties p = RillStreamsIT.props(app, KAFKA.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        return p;
    }

    private static void produce(String topic, int from, int to, long timestamp) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, null, timestamp, String.format("k%03d", i), "v"));
            }
        }
    }
}
