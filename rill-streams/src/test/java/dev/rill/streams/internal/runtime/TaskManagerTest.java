package dev.rill.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.engine.TaskMetrics;
import dev.rill.streams.internal.engine.TaskState;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.topology.TopologyAccess;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.TaskId;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task lifecycle of one stream thread on real tasks and RocksDB stores: a stateful sub-topology reading "in"
 * (count into a logged store) and a stateless one reading "plain", both with two partitions.
 */
class TaskManagerTest {
    private static final String APP = "tm-app";

    @TempDir
    Path stateDir;

    private TaskFactory factory;
    private TaskDirectoryLocks locks;
    private TaskManager manager;
    private TaskId counted0;
    private TaskId counted1;
    private TaskId plain0;

    @BeforeEach
    void setUp() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").groupByKey().count(Materialized.as("counts"));
        b.<String, String>stream("plain").to("out");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        StreamsConfig config = new StreamsConfig(p);
        factory = new TaskFactory(TopologyAccess.builderOf(b.build()), config);
        locks = new TaskDirectoryLocks();
        manager = newManager();
        counted0 = new TaskId(factory.subtopologyOf("in"), 0);
        counted1 = new TaskId(factory.subtopologyOf("in"), 1);
        plain0 = new TaskId(factory.subtopologyOf("plain"), 0);
    }

    private TaskManager newManager() {
        TaskMetrics metrics = new TaskMetrics();
        StreamsConfig config = factory.config();
        return new TaskManager("test-thread", factory, new InMemoryCollector(), new ErrorHandling(config, metrics),
                metrics, new CacheBudget(1024 * 1024), locks, topic -> 2, false);
    }

    @AfterEach
    void tearDown() {
        manager.closeAll(false);
    }

    private static TopicPartition in(int p) {
        return new TopicPartition("in", p);
    }

    private static TopicPartition changelog(int p) {
        return new TopicPartition(APP + "-counts-changelog", p);
    }

    @Test
    void statelessTasksRunAtOnceStatefulOnesAfterTheirRestore() {
        TaskManager.Assigned a = manager.assign(List.of(in(0), new TopicPartition("plain", 0)), Set.of());

        assertThat(a.started().keySet()).containsExactlyInAnyOrder(counted0, plain0);
        assertThat(a.toRestore()).extracting(StreamTask::id).containsExactly(counted0);
        assertThat(manager.activeIds()).containsExactly(plain0);
        assertThat(manager.activeTaskOf(new TopicPartition("plain", 0)).id()).isEqualTo(plain0);
        assertThat(manager.activeTaskOf(in(0))).as("a restoring task gets no records").isNull();
        assertThat(manager.restoring()).extracting(StreamTask::id).containsExactly(counted0);
        assertThat(manager.runningTasks()).extracting(StreamTask::id).containsExactly(plain0);

        List<StreamTask> running = manager.restored(a.toRestore());

        assertThat(running).extracting(StreamTask::id).containsExactly(counted0);
        assertThat(manager.restoring()).isEmpty();
        assertThat(manager.activeTaskOf(in(0)).state()).isEqualTo(TaskState.RUNNING);
        assertThat(manager.runningTasks()).extracting(StreamTask::id).containsExactlyInAnyOrder(plain0, counted0);
    }

    @Test
    void anAlreadyRunningTaskIsNotCreatedTwice() {
        manager.assign(List.of(new TopicPartition("plain", 0)), Set.of());
        StreamTask first = manager.activeTaskOf(new TopicPartition("plain", 0));

        TaskManager.Assigned again = manager.assign(List.of(new TopicPartition("plain", 0)), Set.of());

        assertThat(again.started()).isEmpty();
        assertThat(manager.activeTaskOf(new TopicPartition("plain", 0))).isSameAs(first);
    }

    @Test
    void revokedTasksAreFoundByPartitionAndClosedReleasingTheirStores() throws Exception {
        TaskManager.Assigned a = manager.assign(List.of(in(0), in(1)), Set.of());
        manager.restored(a.toRestore().subList(0, 1));
        StreamTask running = manager.activeTaskOf(in(0));
        StreamTask restoring = manager.restoring().iterator().next();

        assertThat(manager.activeTasksOf(List.of(in(0), in(1)))).containsExactly(counted0);
        assertThat(manager.restoringTasksOf(List.of(in(0), in(1)))).containsExactly(counted1);

        manager.closeActive(Set.of(counted0), true);
        manager.closeRestoring(Set.of(counted1));

        assertThat(running.state()).isEqualTo(TaskState.CLOSED);
        assertThat(restoring.state()).isEqualTo(TaskState.CLOSED);
        assertThat(manager.activeIds()).isEmpty();
        assertThat(manager.runningTasks()).isEmpty();
        assertThat(manager.activeTaskOf(in(0))).isNull();
        // the stores are released: another thread of the instance can open the same tasks now
        CompletableFuture<Set<TaskId>> other = CompletableFuture.supplyAsync(() -> {
            TaskManager second = newManager();
            try {
                return second.assign(List.of(in(0), in(1)), Set.of()).started().keySet();
            } finally {
                second.closeAll(false);
            }
        });
        assertThat(other.get()).containsExactlyInAnyOrder(counted0, counted1);
    }

    @Test
    void standbysFollowTheirChangelogAndArePromotedInPlace() {
        TaskManager.Assigned a = manager.assign(List.of(), Set.of(counted1));
        assertThat(a.standbysToCreate()).containsExactly(counted1);
        manager.createStandbys(a.standbysToCreate());
        StreamTask standby = manager.standbys().iterator().next();

        assertThat(manager.standbyIds()).containsExactly(counted1);
        assertThat(standby.partitions()).as("a standby knows its input partitions").containsExactly(in(1));
        assertThat(manager.standbyChangelogs()).containsOnlyKeys(changelog(1));
        assertThat(manager.activeIds()).isEmpty();

        TaskManager.Assigned promoted = manager.assign(List.of(in(1)), Set.of());

        assertThat(promoted.started().get(counted1)).as("the standby's task object, stores open").isSameAs(standby);
        assertThat(promoted.toRestore()).containsExactly(standby);
        assertThat(manager.standbyIds()).isEmpty();
        assertThat(manager.standbyChangelogs()).isEmpty();
    }

    @Test
    void standbysNoLongerAssignedAreClosed() {
        manager.createStandbys(manager.assign(List.of(), Set.of(counted0, counted1)).standbysToCreate());
        StreamTask dropped = manager.standbys().stream().filter(t -> t.id().equals(counted0)).findFirst().orElseThrow();

        TaskManager.Assigned a = manager.assign(List.of(), Set.of(counted1));

        assertThat(a.standbysToCreate()).containsExactly(counted1);
        assertThat(dropped.state()).isEqualTo(TaskState.CLOSED);
        assertThat(manager.standbyIds()).containsExactly(counted1);
        assertThat(manager.standbyChangelogs()).containsOnlyKeys(changelog(1));
    }

    @Test
    void closeAllClosesEveryKindOfTask() {
        TaskManager.Assigned a = manager.assign(List.of(in(0), new TopicPartition("plain", 0)), Set.of(counted1));
        manager.createStandbys(a.standbysToCreate());
        List<StreamTask> all = List.of(manager.activeTaskOf(new TopicPartition("plain", 0)),
                manager.restoring().iterator().next(), manager.standbys().iterator().next());

        manager.closeAll(true);

        assertThat(all).extracting(StreamTask::state).containsOnly(TaskState.CLOSED);
        assertThat(manager.activeIds()).isEmpty();
        assertThat(manager.restoring()).isEmpty();
        assertThat(manager.standbyIds()).isEmpty();
    }
}
