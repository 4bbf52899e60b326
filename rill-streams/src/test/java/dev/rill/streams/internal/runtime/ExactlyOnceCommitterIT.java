package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.engine.ErrorHandling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once commit on a real broker: store changes and offsets become visible together, to read_committed
 * readers only, at the commit; an abort drops both; a fenced producer cannot commit.
 */
class ExactlyOnceCommitterIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    @TempDir
    Path stateDir;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private RuntimeFixture f;
    private Admin admin;
    private Consumer<byte[], byte[]> consumer;
    private KafkaRecordCollector collector;
    private TaskManager manager;
    private TransactionMetrics metrics;
    private ExactlyOnceCommitter committer;

    @BeforeEach
    void setUp() {
        String app = "eosc-" + System.nanoTime();
        String in = KAFKA.cluster().newTopic("eosc-in", 2);
        KAFKA.cluster().createTopic(app + "-counts-changelog", 2, 1);
        f = new RuntimeFixture(app, in, KAFKA.bootstrapServers(), stateDir, Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0));
        admin = KAFKA.cluster().admin();
        consumer = f.clients.mainConsumer(app + "-thread", 0, new AssignmentContext(f.factory, "p"));
        Producer<byte[], byte[]> producer = f.clients.producer(app + "-thread", 0);
        collector = new KafkaRecordCollector(producer, new ErrorHandling(f.config, f.metrics));
        manager = f.taskManager(collector);
        metrics = new TransactionMetrics();
        committer = new ExactlyOnceCommitter(app + "-thread", consumer, producer, collector,
                new RepartitionPurger(admin, Set.of(), 0), metrics);
        committer.start();
        RuntimeFixture.runAll(manager, List.of(f.in(0), f.in(1)));
    }

    @AfterEach
    void tearDown() throws Exception {
        manager.closeAll(false);
        collector.close();
        consumer.close();
        admin.close();
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private void process(int partition, long firstOffset, String... keys) {
        manager.activeTaskOf(f.in(partition)).addRecords(f.in(partition), f.records(partition, firstOffset, keys));
        manager.activeTaskOf(f.in(partition)).process(Integer.MAX_VALUE);
    }

    private long committedChangelogRecords() {
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of("bootstrap.servers",
                KAFKA.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = List.of(f.changelog(0), f.changelog(1));
            reader.assign(tps);
            reader.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = reader.endOffsets(tps);
            long n = 0;
            long deadline = System.currentTimeMillis() + 10_000;
            while (tps.stream().anyMatch(tp -> reader.position(tp) < ends.get(tp))
                    && System.currentTimeMillis() < deadline) {
                n += reader.poll(Duration.ofMillis(100)).count();
            }
            return n;
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> groupOffsets() throws Exception {
        return admin.listConsumerGroupOffsets(f.app).partitionsToOffsetAndMetadata().get();
    }

    @Test
    void storeChangesAndOffsetsBecomeVisibleTogetherAtTheCommit() throws Exception {
        process(0, 0, "a", "a", "b");
        process(1, 10, "x");
        collector.flush();
        assertThat(committedChangelogRecords()).as("sent, not committed: invisible to read_committed").isZero();
        assertThat(groupOffsets()).isEmpty();

        committer.commit(manager.active(), manager.standbys(), Set.of());

        // the transaction markers reach the partitions shortly after commitTransaction returns
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committedChangelogRecords() == 4);
        Map<TopicPartition, OffsetAndMetadata> offsets = groupOffsets();
        assertThat(offsets.get(f.in(0)).offset()).isEqualTo(3);
        assertThat(offsets.get(f.in(1)).offset()).isEqualTo(11);
        assertThat(metrics.commits()).isEqualTo(1);
    }

    @Test
    void anAbortDropsTheStoreChangesAndTheOffsetsAndTheNextTransactionWorks() throws Exception {
        process(0, 0, "a");
        committer.commit(manager.active(), manager.standbys(), Set.of());
        process(0, 1, "a", "b", "c");
        collector.flush();

        committer.abort();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committedChangelogRecords() == 1);
        assertThat(groupOffsets().get(f.in(0)).offset()).isEqualTo(1);
        assertThat(metrics.aborts("dropped")).isEqualTo(1);
        // as the stream thread does: the tasks' stores hold aborted writes, so they are closed without a commit
        // (no checkpoint: reopened, their stores start over from the committed changelog)
        manager.closeAll(false);
        RuntimeFixture.runAll(manager, List.of(f.in(0), f.in(1)));
        process(1, 0, "y");
        committer.commit(manager.active(), manager.standbys(), Set.of());
        // the commit markers reach the partitions just after commitTransaction() returns: wait for the last stable
        // offset to pass the new record, then check that nothing of the aborted transaction came with it
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committedChangelogRecords() >= 2);
        assertThat(committedChangelogRecords()).as("the commit after the abort carries only its own records")
                .isEqualTo(2);
    }

    @Test
    void aFencedProducerCannotCommit() {
        process(0, 0, "a");
        // a new producer with the same transactional id (a replacement thread, or a zombie's successor)
        Producer<byte[], byte[]> successor = f.clients.producer(f.app + "-thread", 0);
        closeables.add(successor::close);
        successor.initTransactions();

        assertThatThrownBy(() -> committer.commit(manager.active(), manager.standbys(), Set.of()))
                .isInstanceOf(TaskMigratedException.class).hasMessageContaining("fenced");
        assertThat(committedChangelogRecords()).isZero();
        assertThat(metrics.aborts("fenced")).isEqualTo(1);
    }

    @Test
    void aClosingTaskGetsACheckpointAfterTheCommitWhichIsDeletedWhenItRunsAgain() throws Exception {
        Path checkpoint0 = stateDir.resolve(f.app).resolve(f.task(0).toString()).resolve(".checkpoint");
        Path checkpoint1 = stateDir.resolve(f.app).resolve(f.task(1).toString()).resolve(".checkpoint");
        process(0, 0, "a", "b");
        process(1, 0, "x");

        committer.commit(manager.active(), manager.standbys(), Set.of(f.task(0)));
        manager.closeActive(Set.of(f.task(0)), true);

        assertThat(Files.readString(checkpoint0)).contains(f.changelog(0).topic() + " 0 ");
        assertThat(checkpoint1).as("a running task keeps none: its store may hold uncommitted writes")
                .doesNotExist();
        TaskManager.Assigned again = manager.assign(List.of(f.in(0)), Set.of());
        assertThat(again.toRestore().get(0).stateManager().restoreStartOffset(f.changelog(0))).isPositive();
        manager.restored(again.toRestore());
        assertThat(checkpoint0).as("deleted once the task runs again").doesNotExist();
    }
}
