package dev.rill.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.JoinWindows;
import dev.rill.streams.processor.StateRestoreListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stream-stream left join over two 2-partition topics on an embedded broker: after a clean shutdown, an instance
 * with an empty state directory restores both window stores and the shared store of unmatched records from their
 * changelogs, so right records arriving after the restart still join left records from before it, and a left record
 * left without partner gives its (value, null) result once its window closes — exactly once, and never for records
 * that had joined.
 */
class StreamStreamJoinIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private static void produce(String topic, long timestamp, String... keyValues) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                producer.send(new ProducerRecord<>(topic, null, timestamp, keyValues[i], keyValues[i + 1]));
            }
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, int atLeast) {
        return RillStreamsIT.consumeAtLeast(KAFKA.bootstrapServers(), topic, atLeast,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer());
    }

    private static RillStreams start(String appId, String left, String right, String out, Path stateDir,
                                     StateRestoreListener listener) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(left)
                .leftJoin(b.<String, String>stream(right), (k, l, r) -> k + ":" + l + "+" + r,
                        JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(10)))
                .to(out);
        Properties props = RillStreamsIT.props(appId, KAFKA.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // As in Kafka Streams, closed windows are scanned for unmatched records at most once per second of wall
        // time by default; the records that close L5's window may all arrive within that second after the last
        // scan, and nothing later would trigger the next one. Scan on every record, so the test does not depend
        // on how fast the producer is.
        props.put("__emit.interval.ms.kstreams.outer.join.spurious.results.fix__", "0");
        RillStreams streams = new RillStreams(b.build(), props);
        if (listener != null) {
            streams.setGlobalStateRestoreListener(listener);
        }
        streams.start();
        return streams;
    }

    /** Waits until the application has committed {@code expected} records of {@code topic} over all partitions. */
    private static void awaitCommitted(String appId, String topic, long expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get();
                return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                        .mapToLong(e -> e.getValue().offset()).sum() == expected;
            });
        }
    }

    @Test
    void joinStoresRestoreFromTheirChangelogsIntoAnEmptyStateDirectory() throws Exception {
        String left = KAFKA.cluster().newTopic("ssj-left", 2);
        String right = KAFKA.cluster().newTopic("ssj-right", 2);
        String out = KAFKA.cluster().newTopic("ssj-out", 1);
        String appId = "ssj-" + UUID.randomUUID();
        long base = System.currentTimeMillis() - 60_000;

        produce(left, base, "k0", "L0", "k1", "L1", "k2", "L2", "k3", "L3", "k4", "L4", "k5", "L5");
        produce(right, base + 5, "k0", "R0", "k1", "R1", "k2", "R2");
        RillStreams first = start(appId, left, right, out, Files.createTempDirectory("ssj-a"), null);
        try {
            assertThat(consume(out, 3)).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("k0:L0+R0", "k1:L1+R1", "k2:L2+R2");
            awaitCommitted(appId, left, 6);
            awaitCommitted(appId, right, 3);
        } finally {
            first.close(Duration.ofSeconds(30));
        }

        Set<String> restoredStores = ConcurrentHashMap.newKeySet();
        AtomicLong restoredRecords = new AtomicLong();
        StateRestoreListener listener = new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String storeName, long start, long end) {
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String storeName, long batchEnd, long n) {
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
                if (totalRestored > 0) {
                    restoredStores.add(storeName);
                    restoredRecords.addAndGet(totalRestored);
                }
            }
        };
        RillStreams second = start(appId, left, right, out, Files.createTempDirectory("ssj-b"), listener);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> second.state() == RillStreams.State.RUNNING);
            // within the window of L3 and L4, which only the restored this-side window store holds now
            produce(right, base + 6, "k3", "R3", "k4", "R4");
            // joined before anything moves stream time on (a task orders its buffered records by timestamp only)
            assertThat(consume(out, 5)).extracting(ConsumerRecord::value)
                    .contains("k3:L3+R3", "k4:L4+R4");
            // far later on every key (both partitions): closes L5's window, whose only record is in the restored
            // shared store of unmatched records
            for (int i = 0; i < 10; i++) {
                produce(left, base + 100_000, "k" + i, "closer");
            }
            List<ConsumerRecord<String, String>> all = consume(out, 6);
            assertThat(all).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("k0:L0+R0", "k1:L1+R1",
                    "k2:L2+R2", "k3:L3+R3", "k4:L4+R4", "k5:L5+null");
            assertThat(all).filteredOn(r -> r.key().equals("k5")).singleElement()
                    .satisfies(r -> assertThat(r.timestamp()).isEqualTo(base));
            assertThat(restoredStores).containsExactlyInAnyOrder("KSTREAM-JOINTHIS-0000000004-store",
                    "KSTREAM-OUTEROTHER-0000000005-store", "KSTREAM-OUTERSHARED-0000000004-store");
        } finally {
            second.close(Duration.ofSeconds(30));
        }
    }
}
