package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.engine.StreamTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The at-least-once commit on a real broker: caches are written through and the producer flushed before the consumed
 * offsets are committed, and tasks about to close get a checkpoint at the changelog offsets the producer acknowledged.
 */
class AtLeastOnceCommitterIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path stateDir;

    private Admin admin;
    private Consumer<byte[], byte[]> consumer;
    private KafkaRecordCollector collector;
    private TaskManager manager;

    @AfterEach
    void tearDown() {
        if (manager != null) {
            manager.closeAll(false);
        }
        if (collector != null) {
            collector.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void outputIsAcknowledgedBeforeOffsetsAreCommittedAndClosingTasksAreCheckpointed() throws Exception {
        String app = "alos-" + System.nanoTime();
        String in = KAFKA.cluster().newTopic("alos-in", 2);
        KAFKA.cluster().createTopic(app + "-counts-changelog", 2, 1);
        RuntimeFixture f = new RuntimeFixture(app, in, KAFKA.bootstrapServers(), stateDir, Map.of());
        admin = KAFKA.cluster().admin();
        consumer = f.clients.mainConsumer(app + "-thread", 0, new AssignmentContext(f.factory, "p"));
        collector = new KafkaRecordCollector(f.clients.producer(app + "-thread", 0),
                new ErrorHandling(f.config, f.metrics));
        manager = f.taskManager(collector);
        List<StreamTask> tasks = RuntimeFixture.runAll(manager, List.of(f.in(0), f.in(1)));
        assertThat(tasks).hasSize(2);
        manager.activeTaskOf(f.in(0)).addRecords(f.in(0), f.records(0, 0, "a", "a", "b", "a", "c"));
        manager.activeTaskOf(f.in(1)).addRecords(f.in(1), f.records(1, 10, "x", "y", "x"));
        manager.active().forEach(t -> t.process(Integer.MAX_VALUE));
        Committer committer = new AtLeastOnceCommitter(app + "-thread", consumer, collector,
                new RepartitionPurger(admin, Set.of(), 0));

        committer.commit(manager.active(), manager.standbys(), Set.of(f.task(0)));

        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(app)
                .partitionsToOffsetAndMetadata().get();
        assertThat(committed).containsOnlyKeys(f.in(0), f.in(1));
        assertThat(committed.get(f.in(0)).offset()).isEqualTo(5);
        assertThat(committed.get(f.in(1)).offset()).isEqualTo(13);
        // the cached counts were written through and acknowledged: one changelog record per key at least
        Map<TopicPartition, Set<String>> keys = changelogKeys(f);
        assertThat(keys.get(f.changelog(0))).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(keys.get(f.changelog(1))).containsExactlyInAnyOrder("x", "y");
        long end0 = admin.listOffsets(Map.of(f.changelog(0), org.apache.kafka.clients.admin.OffsetSpec.latest()))
                .partitionResult(f.changelog(0)).get().offset();

        // the closing task was checkpointed at its changelog end, the other (few records) was not
        manager.closeAll(true);
        TaskManager reopened = f.taskManager(new InMemoryCollector());
        manager = reopened;
        TaskManager.Assigned again = reopened.assign(List.of(f.in(0), f.in(1)), Set.of());
        Map<Integer, Long> restoreFrom = new HashMap<>();
        again.toRestore().forEach(t -> restoreFrom.put(t.id().partition(),
                t.stateManager().restoreStartOffset(f.changelog(t.id().partition()))));
        assertThat(restoreFrom).containsEntry(0, end0).containsEntry(1, 0L);
    }

    @Test
    void nothingConsumedMeansNothingCommitted() throws Exception {
        String app = "alos-empty-" + System.nanoTime();
        String in = KAFKA.cluster().newTopic("alos-empty-in", 2);
        RuntimeFixture f = new RuntimeFixture(app, in, KAFKA.bootstrapServers(), stateDir, Map.of());
        admin = KAFKA.cluster().admin();
        consumer = f.clients.mainConsumer(app + "-thread", 0, new AssignmentContext(f.factory, "p"));
        InMemoryCollector memory = new InMemoryCollector();
        manager = f.taskManager(memory);
        RuntimeFixture.runAll(manager, List.of(f.in(0)));
        Committer committer = new AtLeastOnceCommitter(app + "-thread", consumer, memory,
                new RepartitionPurger(admin, Set.of(), 0));

        committer.commit(manager.active(), manager.standbys(), Set.of());

        assertThat(memory.flushes).as("the producer is flushed even when no offset moved").isEqualTo(1);
        assertThat(admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get()).isEmpty();
    }

    private Map<TopicPartition, Set<String>> changelogKeys(RuntimeFixture f) {
        Map<TopicPartition, Set<String>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of("bootstrap.servers",
                KAFKA.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = List.of(f.changelog(0), f.changelog(1));
            reader.assign(tps);
            reader.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = reader.endOffsets(tps);
            long deadline = System.currentTimeMillis() + 30_000;
            while (tps.stream().anyMatch(tp -> reader.position(tp) < ends.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new java.util.HashSet<>())
                            .add(new String(r.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
