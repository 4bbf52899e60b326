package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.engine.RecordCollector;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.engine.TaskMetrics;
import dev.rill.streams.internal.engine.TaskState;
import dev.rill.streams.internal.engine.WallClock;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.topology.TopicRef;
import dev.rill.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks of one stream thread and their lifecycle: creates, promotes, runs and closes active tasks, standby tasks
 * and tasks whose stores are being restored, and knows which task reads which input or changelog partition. It never
 * touches a Kafka client: the stream thread pauses and resumes partitions, and the {@link RestoreCoordinator} brings
 * the stores of {@link #restoring()} tasks up to date. Owned by one thread, except {@link #runningTasks()}.
 *
 * <p>Every task here holds its task directory lock (see {@link TaskDirectoryLocks}) from opening its stores until it
 * is closed.
 */
final class TaskManager {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);
    /** How long a thread waits for another thread of the instance to close a task's stores. */
    static final long STORE_HANDOVER_TIMEOUT_MS = 60_000;

    private final String name;
    private final TaskFactory factory;
    private final RecordCollector collector;
    private final ErrorHandling errors;
    private final TaskMetrics metrics;
    private final CacheBudget cacheBudget;
    private final TaskDirectoryLocks locks;
    private final ToIntFunction<String> partitionCount;
    private final boolean exactlyOnce;
    private final Map<TaskId, StreamTask> active = new LinkedHashMap<>();
    private final Map<TopicPartition, StreamTask> activeByPartition = new HashMap<>();
    /** New tasks whose stores are being restored; their input partitions stay paused until they run. */
    private final Map<TaskId, StreamTask> restoring = new LinkedHashMap<>();
    private final Map<TaskId, StreamTask> standbys = new LinkedHashMap<>();
    private final Map<TopicPartition, StreamTask> standbyByChangelog = new HashMap<>();
    private volatile List<StreamTask> published = List.of();

    /**
     * @param partitionCount the number of partitions of a topic according to the client's metadata (-1 if unknown);
     *                       used to give standby tasks their input partitions
     * @param exactlyOnce    whether a running task must keep no checkpoint (its stores may hold uncommitted writes)
     */
    TaskManager(String name, TaskFactory factory, RecordCollector collector, ErrorHandling errors, TaskMetrics metrics,
                CacheBudget cacheBudget, TaskDirectoryLocks locks, ToIntFunction<String> partitionCount,
                boolean exactlyOnce) {
        this.exactlyOnce = exactlyOnce;
        this.name = name;
        this.factory = factory;
        this.collector = collector;
        this.errors = errors;
        this.metrics = metrics;
        this.cacheBudget = cacheBudget;
        this.locks = locks;
        this.partitionCount = partitionCount;
    }

    /** What an assignment started: the new tasks (running or restoring) and the standbys still to create. */
    record Assigned(Map<TaskId, StreamTask> started, List<StreamTask> toRestore, Set<TaskId> standbysToCreate) {
    }

    /**
     * Starts the tasks of newly assigned partitions: promotes a standby of the task in place (stores open, it
     * restores only what it had not applied), creates the others and opens their stores. Stateless tasks run at once;
     * stateful ones are returned in {@link Assigned#toRestore()} and run after {@link #restored}. Standbys the
     * assignment no longer lists are closed first, so that another thread of this instance may open their stores.
     * Call {@link #createStandbys} with {@link Assigned#standbysToCreate()} afterwards.
     */
    Assigned assign(Collection<TopicPartition> added, Set<TaskId> assignedStandbys) {
        Map<TaskId, List<TopicPartition>> newTasks = new LinkedHashMap<>(factory.tasksFor(added));
        newTasks.forEach(this::addToRunningTask);
        newTasks.keySet().removeIf(id -> active.containsKey(id) || restoring.containsKey(id));
        Set<TaskId> wantedStandbys = new TreeSet<>(assignedStandbys);
        wantedStandbys.removeAll(active.keySet());
        wantedStandbys.removeAll(restoring.keySet());
        wantedStandbys.removeAll(newTasks.keySet());
        List<TaskId> dropped = new ArrayList<>(standbys.keySet());
        dropped.removeIf(id -> wantedStandbys.contains(id) || newTasks.containsKey(id));
        closeStandbys(dropped, true);
        Map<TaskId, StreamTask> started = new LinkedHashMap<>();
        try {
            newTasks.forEach((id, parts) -> started.put(id, promoteOrCreate(id, parts)));
            for (StreamTask task : started.values()) {
                if (task.state() == TaskState.CREATED) {
                    openStores(task);
                }
            }
        } catch (RuntimeException e) {
            started.values().forEach(this::closeQuietly);
            throw e;
        }
        List<StreamTask> toRestore = new ArrayList<>();
        try {
            for (StreamTask task : started.values()) {
                if (task.stateful()) {
                    // restored off the poll loop (a long restore must not exceed max.poll.interval.ms); runs when done
                    restoring.put(task.id(), task);
                    toRestore.add(task);
                } else {
                    run(task);
                }
            }
        } catch (RuntimeException e) {
            started.values().stream().filter(t -> !active.containsKey(t.id()) && !restoring.containsKey(t.id()))
                    .forEach(this::closeQuietly);
            throw e;
        } finally {
            publish();
        }
        return new Assigned(Collections.unmodifiableMap(started), List.copyOf(toRestore), wantedStandbys);
    }

    /**
     * Creates the standby tasks this thread does not have yet. A standby gets the task's input partitions (unused
     * while it is a standby) so that it can be promoted to active in place.
     */
    void createStandbys(Set<TaskId> wanted) {
        for (TaskId id : wanted) {
            if (active.containsKey(id) || standbys.containsKey(id) || restoring.containsKey(id)) {
                continue;
            }
            StreamTask standby = factory.create(id, inputPartitionsOf(id), collector, errors, metrics,
                    WallClock.SYSTEM, cacheBudget);
            openStores(standby);
            standbys.put(id, standby);
            standby.stateManager().loggedStores().keySet().forEach(tp -> standbyByChangelog.put(tp, standby));
        }
    }

    /**
     * Runs the given tasks whose restore finished, if they are still restoring here (not closed meanwhile).
     *
     * @return the tasks that now run (their input partitions may be resumed)
     */
    List<StreamTask> restored(Collection<StreamTask> done) {
        List<StreamTask> running = new ArrayList<>();
        try {
            for (StreamTask task : done) {
                if (restoring.remove(task.id()) != null) {
                    run(task);
                    running.add(task);
                }
            }
        } finally {
            publish();
        }
        return running;
    }

    /**
     * Gives a task this thread already runs (or restores) the partitions newly assigned to it: those of a topic a
     * pattern source matched after the task was made.
     */
    private void addToRunningTask(TaskId id, List<TopicPartition> partitions) {
        StreamTask task = active.containsKey(id) ? active.get(id) : restoring.get(id);
        if (task == null) {
            return;
        }
        for (TopicPartition tp : partitions) {
            if (!task.partitions().contains(tp)) {
                task.addInputPartition(tp, factory.sourceNameOf(tp.topic()));
                if (active.containsKey(id)) {
                    activeByPartition.put(tp, task);
                }
            }
        }
    }

    /**
     * Where a starting task reads the offsets (and their metadata) committed for its input partitions; none by default
     * (tests of the task registry).
     */
    void committedOffsetsFrom(
            java.util.function.Function<Set<TopicPartition>, Map<TopicPartition, OffsetAndMetadata>> source) {
        this.committedOffsets = source;
    }

    private java.util.function.Function<Set<TopicPartition>, Map<TopicPartition, OffsetAndMetadata>> committedOffsets;

    /** Initializes a task whose stores are ready and feeds it records from now on. */
    private void run(StreamTask task) {
        if (exactlyOnce) {
            task.discardCheckpoint();
        }
        if (committedOffsets != null) {
            task.processorMetadataFrom(() -> committedOffsets.apply(task.partitions()));
        }
        task.initialize();
        active.put(task.id(), task);
        task.partitions().forEach(tp -> activeByPartition.put(tp, task));
    }

    /** The running tasks that read any of these partitions. */
    Set<TaskId> activeTasksOf(Collection<TopicPartition> partitions) {
        Set<TaskId> out = new TreeSet<>();
        for (TopicPartition tp : partitions) {
            StreamTask task = activeByPartition.get(tp);
            if (task != null) {
                out.add(task.id());
            }
        }
        return out;
    }

    /** The restoring tasks that read any of these partitions. */
    Set<TaskId> restoringTasksOf(Collection<TopicPartition> partitions) {
        Set<TaskId> out = new TreeSet<>();
        for (TopicPartition tp : partitions) {
            restoring.values().stream().filter(t -> t.partitions().contains(tp)).forEach(t -> out.add(t.id()));
        }
        return out;
    }

    /** Closes tasks that were still restoring (never initialized); they keep no checkpoint. Stop their restore first. */
    void closeRestoring(Collection<TaskId> ids) {
        for (TaskId id : List.copyOf(ids)) {
            StreamTask task = restoring.remove(id);
            if (task != null) {
                closeQuietly(task);
            }
        }
    }

    /** Closes running tasks (committed before, if {@code clean}) and stops feeding them records. */
    void closeActive(Collection<TaskId> ids, boolean clean) {
        for (TaskId id : List.copyOf(ids)) {
            StreamTask task = active.remove(id);
            if (task == null) {
                continue;
            }
            task.partitions().forEach(activeByPartition::remove);
            try {
                task.close();
            } catch (RuntimeException e) {
                if (clean) {
                    LOG.warn("{}: closing task {} failed", name, id, e);
                }
            } finally {
                locks.release(id);
            }
        }
        publish();
    }

    /** Closes standby tasks, writing their checkpoint first if {@code clean}. */
    void closeStandbys(Collection<TaskId> ids, boolean clean) {
        for (TaskId id : List.copyOf(ids)) {
            StreamTask standby = removeStandby(id);
            if (standby == null) {
                continue;
            }
            try {
                if (clean) {
                    standby.checkpointStandby();
                }
                standby.close();
            } catch (RuntimeException e) {
                LOG.warn("{}: closing standby task {} failed", name, id, e);
            } finally {
                locks.release(id);
            }
        }
    }

    /** Closes every task: restoring ones (stop their restore first), running ones, then standbys. */
    void closeAll(boolean clean) {
        closeRestoring(restoring.keySet());
        closeActive(active.keySet(), clean);
        closeStandbys(standbys.keySet(), clean);
    }

    /** The running task that reads a partition, or null. */
    StreamTask activeTaskOf(TopicPartition partition) {
        return activeByPartition.get(partition);
    }

    /** The running tasks, in the order they started. */
    Collection<StreamTask> active() {
        return Collections.unmodifiableCollection(active.values());
    }

    Set<TaskId> activeIds() {
        return Collections.unmodifiableSet(active.keySet());
    }

    Collection<StreamTask> restoring() {
        return Collections.unmodifiableCollection(restoring.values());
    }

    Collection<StreamTask> standbys() {
        return Collections.unmodifiableCollection(standbys.values());
    }

    Set<TaskId> standbyIds() {
        return Collections.unmodifiableSet(standbys.keySet());
    }

    /** Each standby changelog partition with the standby that applies it. */
    Map<TopicPartition, StreamTask> standbyChangelogs() {
        return Collections.unmodifiableMap(standbyByChangelog);
    }

    /** The running tasks, for interactive queries (a snapshot safe to read from other threads). */
    List<StreamTask> runningTasks() {
        return published;
    }

    private void publish() {
        published = List.copyOf(active.values());
    }

    private StreamTask removeStandby(TaskId id) {
        StreamTask standby = standbys.remove(id);
        if (standby != null) {
            standby.stateManager().loggedStores().keySet().forEach(standbyByChangelog::remove);
        }
        return standby;
    }

    /** This thread's standby of the task if it reads the same partitions, else a new (not yet opened) task. */
    private StreamTask promoteOrCreate(TaskId id, List<TopicPartition> partitions) {
        StreamTask standby = standbys.get(id);
        if (standby != null && standby.partitions().equals(Set.copyOf(partitions))) {
            return removeStandby(id);
        }
        closeStandbys(List.of(id), true);
        return factory.create(id, partitions, collector, errors, metrics, WallClock.SYSTEM, cacheBudget);
    }

    /** Opens a new task's stores once no other thread of this instance has them open. */
    private void openStores(StreamTask task) {
        locks.acquire(task.id(), STORE_HANDOVER_TIMEOUT_MS);
        try {
            task.openStores();
        } catch (RuntimeException e) {
            locks.release(task.id());
            throw e;
        }
    }

    /** Closes a task that never ran (its start failed, or it was revoked while restoring) and gives up its stores. */
    private void closeQuietly(StreamTask task) {
        try {
            task.close();
        } catch (RuntimeException e) {
            LOG.debug("{}: closing task {} that never ran failed", name, task.id(), e);
        } finally {
            locks.release(task.id());
        }
    }

    /** The task's input partitions according to the client's metadata. */
    private List<TopicPartition> inputPartitionsOf(TaskId id) {
        List<TopicPartition> out = new ArrayList<>();
        for (TopicRef ref : factory.subtopologies().get(id.subtopology()).sourceTopics()) {
            String topic = ref.resolve(factory.applicationId());
            if (id.partition() < partitionCount.applyAsInt(topic)) {
                out.add(new TopicPartition(topic, id.partition()));
            }
        }
        return out;
    }
}
