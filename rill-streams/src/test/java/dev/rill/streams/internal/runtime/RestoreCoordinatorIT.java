package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.state.ReadOnlyKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restores and standby updates on a real broker. Each test first counts keys with a real producer (the changelog),
 * then a second "thread" with an empty state directory brings the stores back from the changelog.
 */
class RestoreCoordinatorIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private final List<Runnable> cleanup = new ArrayList<>();
    private final Map<TopicPartition, Long> restoredTotals = new ConcurrentHashMap<>();
    private RuntimeFixture fresh;

    @BeforeEach
    void writeChangelog() throws Exception {
        String app = "restore-" + System.nanoTime();
        String in = KAFKA.cluster().newTopic("restore-in", 2);
        KAFKA.cluster().createTopic(app + "-counts-changelog", 2, 1);
        RuntimeFixture first = new RuntimeFixture(app, in, KAFKA.bootstrapServers(),
                Files.createTempDirectory("rill-restore-a-"), Map.of());
        try (Admin admin = KAFKA.cluster().admin()) {
            KafkaRecordCollector collector = new KafkaRecordCollector(first.clients.producer(app + "-a", 0),
                    new ErrorHandling(first.config, first.metrics));
            Consumer<byte[], byte[]> consumer = first.clients.mainConsumer(app + "-a", 0,
                    new AssignmentContext(first.factory, "p"));
            TaskManager manager = first.taskManager(collector);
            try {
                RuntimeFixture.runAll(manager, List.of(first.in(0), first.in(1)));
                manager.activeTaskOf(first.in(0)).addRecords(first.in(0), first.records(0, 0, "a", "a", "b"));
                manager.activeTaskOf(first.in(1)).addRecords(first.in(1), first.records(1, 0, "x", "x", "x", "y"));
                manager.active().forEach(t -> t.process(Integer.MAX_VALUE));
                new AtLeastOnceCommitter(app + "-a", consumer, collector, new RepartitionPurger(admin, Set.of(), 0))
                        .commit(manager.active(), manager.standbys(), Set.of());
            } finally {
                // no checkpoint: the next owner restores everything
                manager.closeAll(false);
                collector.close();
                consumer.close();
            }
        }
        fresh = new RuntimeFixture(app, in, KAFKA.bootstrapServers(), Files.createTempDirectory("rill-restore-b-"),
                Map.of());
    }

    @AfterEach
    void tearDown() {
        cleanup.forEach(Runnable::run);
    }

    private RestoreCoordinator coordinator(RuntimeFixture f, String name) {
        AtomicInteger n = new AtomicInteger();
        StoreRestorer restorer = new StoreRestorer(f.clients.restoreConsumer(name + "-r"),
                () -> f.clients.restoreConsumer(name + "-r" + n.incrementAndGet()), 2, name);
        RestoreCoordinator c = new RestoreCoordinator(name, restorer, () -> new Totals(restoredTotals),
                f.clients.restoreConsumer(name + "-standby"));
        cleanup.add(0, c::close);
        return c;
    }

    private TaskManager manager(RuntimeFixture f) {
        TaskManager m = f.taskManager(new InMemoryCollector());
        cleanup.add(() -> m.closeAll(false));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Long count(StreamTask task, String key) {
        Object v = ((ReadOnlyKeyValueStore<String, Object>) task.store("counts")).get(key);
        return v instanceof ValueAndTimestamp<?> vt ? (Long) vt.value() : (Long) v;
    }

    @Test
    void newTasksAreRestoredOffThePollLoopAndReportedOnceWhenDone() {
        TaskManager tasks = manager(fresh);
        RestoreCoordinator restore = coordinator(fresh, "t1");
        TaskManager.Assigned a = tasks.assign(List.of(fresh.in(0), fresh.in(1)), Set.of());
        assertThat(a.toRestore()).hasSize(2);

        restore.restart(tasks.restoring());
        assertThat(restore.inProgress()).isTrue();
        List<StreamTask> done = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> done.addAll(restore.finished(tasks.restoring())));

        assertThat(done).containsExactlyInAnyOrderElementsOf(a.toRestore());
        assertThat(restore.inProgress()).isFalse();
        tasks.restored(done);
        assertThat(count(tasks.activeTaskOf(fresh.in(0)), "a")).isEqualTo(2L);
        assertThat(count(tasks.activeTaskOf(fresh.in(0)), "b")).isEqualTo(1L);
        assertThat(count(tasks.activeTaskOf(fresh.in(1)), "x")).isEqualTo(3L);
        assertThat(restoredTotals.get(fresh.changelog(0))).isEqualTo(
                tasks.activeTaskOf(fresh.in(0)).stateManager().restoreStartOffset(fresh.changelog(0)));
        assertThat(restoredTotals.get(fresh.changelog(0))).isPositive();
    }

    @Test
    void aStoppedRestoreIsStartedAgainOverTheTasksStillRestoring() {
        TaskManager tasks = manager(fresh);
        RestoreCoordinator restore = coordinator(fresh, "t2");
        tasks.assign(List.of(fresh.in(0), fresh.in(1)), Set.of());
        restore.restart(tasks.restoring());
        restore.stop();
        assertThat(restore.inProgress()).isFalse();
        // the task of partition 1 is revoked while restoring
        tasks.closeRestoring(tasks.restoringTasksOf(List.of(fresh.in(1))));

        assertThat(restore.finished(tasks.restoring())).as("no restore ran: one starts now").isEmpty();
        assertThat(restore.inProgress()).isTrue();
        List<StreamTask> done = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> done.addAll(restore.finished(tasks.restoring())));

        assertThat(done).extracting(StreamTask::id).containsExactly(fresh.task(0));
        tasks.restored(done);
        assertThat(count(tasks.activeTaskOf(fresh.in(0)), "a")).isEqualTo(2L);
    }

    @Test
    void standbysApplyTheirChangelogWithoutBlocking() {
        TaskManager tasks = manager(fresh);
        RestoreCoordinator restore = coordinator(fresh, "t3");
        tasks.createStandbys(tasks.assign(List.of(), Set.of(fresh.task(1))).standbysToCreate());
        StreamTask standby = tasks.standbys().iterator().next();

        restore.followStandbys(tasks.standbyChangelogs());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            restore.updateStandbys(tasks.standbyChangelogs());
            return Long.valueOf(3L).equals(count(standby, "x")) && Long.valueOf(1L).equals(count(standby, "y"));
        });

        restore.unassignStandbys();
        tasks.closeStandbys(tasks.standbyIds(), true);
        // the standby's checkpoint lets the next owner start where it stopped
        TaskManager next = manager(fresh);
        TaskManager.Assigned a = next.assign(List.of(fresh.in(1)), Set.of());
        assertThat(a.toRestore().get(0).stateManager().restoreStartOffset(fresh.changelog(1))).isPositive();
    }

    /** Adds up every changelog partition's restored records. */
    private record Totals(Map<TopicPartition, Long> totals) implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            totals.merge(partition, totalRestored, Long::sum);
        }
    }
}
