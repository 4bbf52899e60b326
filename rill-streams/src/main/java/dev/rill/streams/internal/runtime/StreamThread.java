package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.engine.TaskMetrics;
import dev.rill.streams.internal.engine.TaskState;
import dev.rill.streams.internal.topology.TopicRef;
import dev.rill.streams.internal.engine.WallClock;
import dev.rill.streams.processor.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream thread: a consumer in the application's group, a producer, and the tasks assigned to it. The loop is
 * poll, buffer per task, process every buffered record in timestamp order, fire wall-clock punctuations, and every
 * {@code commit.interval.ms} (or on request) flush the producer and commit the consumed offsets (at-least-once).
 *
 * <p>Rebalances are cooperative: the thread keeps running the tasks it keeps; it commits and closes only the tasks
 * of revoked partitions and creates only the tasks of added ones. A standby of a task that becomes active here is
 * promoted with its stores open, so it restores only what it had not applied yet.
 */
public final class StreamThread extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThread.class);

    private final StreamsConfig config;
    private final TaskFactory factory;
    private final AssignmentContext assignment;
    private final Consumer<byte[], byte[]> consumer;
    private final KafkaRecordCollector collector;
    private final ErrorHandling errors;
    private final TaskMetrics metrics;
    private final ThreadOwner owner;
    private final RepartitionPurger purger;
    private final int index;
    private final TaskDirectoryLocks locks;
    private final Map<TaskId, StreamTask> tasks = new LinkedHashMap<>();
    private final Map<TaskId, StreamTask> standbys = new LinkedHashMap<>();
    private final Map<TopicPartition, StreamTask> standbyByChangelog = new HashMap<>();
    private final Map<TopicPartition, StreamTask> taskByPartition = new HashMap<>();
    private final Consumer<byte[], byte[]> restoreConsumer;
    private final StoreRestorer restorer;
    /** New tasks whose stores are being restored; their input partitions are paused until they run. */
    private final Map<TaskId, StreamTask> restoring = new LinkedHashMap<>();
    /** The restore of {@link #restoring} in progress, or null. */
    private RestoreJob restoreJob;
    private final CacheBudget cacheBudget;
    private final java.util.function.Supplier<StateRestoreListener> restoreListener;
    private volatile List<StreamTask> published = List.of();
    private volatile StreamThreadState state = StreamThreadState.CREATED;
    private long lastCommitMs;

    StreamThread(String name, int index, StreamsConfig config, TaskFactory factory, AssignmentContext assignment,
                 Consumer<byte[], byte[]> consumer, KafkaRecordCollector collector, ErrorHandling errors,
                 TaskMetrics metrics, ThreadOwner owner, RepartitionPurger purger,
                 Consumer<byte[], byte[]> restoreConsumer, StoreRestorer restorer, CacheBudget cacheBudget,
                 java.util.function.Supplier<StateRestoreListener> restoreListener, TaskDirectoryLocks locks) {
        super(name);
        this.locks = locks;
        this.purger = purger;
        this.restoreConsumer = restoreConsumer;
        this.restorer = restorer;
        this.cacheBudget = cacheBudget;
        this.restoreListener = restoreListener;
        this.index = index;
        this.config = config;
        this.factory = factory;
        this.assignment = assignment;
        this.consumer = consumer;
        this.collector = collector;
        this.errors = errors;
        this.metrics = metrics;
        this.owner = owner;
    }

    AssignmentContext assignmentContext() {
        return assignment;
    }

    int index() {
        return index;
    }

    public StreamThreadState state() {
        return state;
    }

    Consumer<byte[], byte[]> consumer() {
        return consumer;
    }

    private synchronized boolean setState(StreamThreadState target) {
        StreamThreadState old = state;
        if (old == StreamThreadState.PENDING_SHUTDOWN && target != StreamThreadState.DEAD) {
            return false;
        }
        if (old == StreamThreadState.DEAD) {
            return false;
        }
        state = old.checkTransition(target, getName());
        owner.onThreadStateChange(this, old, target);
        return true;
    }

    /** Asks the thread to stop after the current loop iteration, committing its progress. */
    void shutdown() {
        setState(StreamThreadState.PENDING_SHUTDOWN);
        consumer.wakeup();
    }

    /** Closes the clients of a thread that was never started. */
    void discard() {
        closeClients(false);
    }

    @Override
    public void run() {
        if (!setState(StreamThreadState.STARTING)) {
            closeClients(true);
            setState(StreamThreadState.DEAD);
            return;
        }
        Throwable failure = null;
        try {
            consumer.subscribe(assignment.sourceTopics(), new Listener());
            lastCommitMs = System.currentTimeMillis();
            while (state != StreamThreadState.PENDING_SHUTDOWN) {
                if (!runOnce()) {
                    break;
                }
            }
            if (assignment.applicationShutdownSignalled()) {
                LOG.warn("{}: the application is shutting down on request of another member", getName());
                closeTasks(true);
                closeClients(true);
                setState(StreamThreadState.PENDING_SHUTDOWN);
                setState(StreamThreadState.DEAD);
                owner.onApplicationShutdownSignal(this);
                return;
            }
            commitAll(tasks.keySet());
            closeTasks(true);
        } catch (WakeupException e) {
            if (state != StreamThreadState.PENDING_SHUTDOWN) {
                failure = e;
            } else {
                try {
                    commitAll(tasks.keySet());
                    closeTasks(true);
                } catch (RuntimeException commitFailure) {
                    LOG.warn("{}: final commit failed; the next owner reprocesses from the last commit", getName(),
                            commitFailure);
                    closeTasks(false);
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (failure == null) {
            closeClients(true);
            setState(StreamThreadState.DEAD);
            return;
        }
        handleFailure(failure);
    }

    private void handleFailure(Throwable failure) {
        LOG.error("{} failed; its uncommitted progress is not committed", getName(), failure);
        closeTasks(false);
        StreamThreadExceptionResponse response;
        try {
            response = owner.decide(failure);
        } catch (RuntimeException e) {
            LOG.error("The uncaught exception handler threw; shutting the client down", e);
            response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        if (response == StreamThreadExceptionResponse.SHUTDOWN_APPLICATION) {
            signalApplicationShutdown();
            closeTasks(false);
        }
        closeClients(false);
        setState(StreamThreadState.PENDING_SHUTDOWN);
        setState(StreamThreadState.DEAD);
        owner.onThreadFailed(this, response, failure);
    }

    /** Triggers a rebalance whose result tells every member to shut down; waits up to a session timeout for it. */
    private void signalApplicationShutdown() {
        assignment.requestApplicationShutdown();
        long deadline = System.currentTimeMillis() + 30_000;
        try {
            consumer.enforceRebalance("application shutdown requested");
            while (!assignment.applicationShutdownSignalled() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(100));
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: could not signal application shutdown through the group", getName(), e);
        }
    }

    /** One loop iteration; false when the application shutdown signal arrived. */
    private boolean runOnce() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(config.pollMs()));
        if (assignment.applicationShutdownSignalled()) {
            return false;
        }
        if (!restoring.isEmpty()) {
            advanceRestore();
        }
        if (state == StreamThreadState.PARTITIONS_ASSIGNED && !assignment.followUpPending() && restoring.isEmpty()) {
            setState(StreamThreadState.RUNNING);
        }
        for (TopicPartition tp : records.partitions()) {
            StreamTask task = taskByPartition.get(tp);
            if (task != null) {
                task.addRecords(tp, records.records(tp));
            }
        }
        if (!standbys.isEmpty()) {
            updateStandbys();
        }
        boolean commitRequested = false;
        for (StreamTask task : tasks.values()) {
            if (task.buffered() > 0) {
                task.process(Integer.MAX_VALUE);
            }
        }
        long now = System.currentTimeMillis();
        for (StreamTask task : tasks.values()) {
            task.maybePunctuateWallClock(now);
            commitRequested |= task.takeCommitRequest();
        }
        if (commitRequested || now - lastCommitMs >= config.commitIntervalMs()) {
            try {
                commitAll();
            } catch (CommitFailedException | RebalanceInProgressException e) {
                LOG.warn("{}: commit failed because the group is rebalancing; records since the last commit will be "
                        + "processed again by the partitions' next owner", getName());
            }
            lastCommitMs = now;
        }
        return true;
    }

    /**
     * The commit path, in one place so exactly-once can slot in: write caches through and flush stores, flush the
     * producer, commit the consumed offsets, then write each task's checkpoint.
     */
    private void commitAll() {
        commitAll(Set.of());
    }

    /** Commits every task; the stores of {@code closing} tasks are flushed and checkpointed whatever their lag. */
    private void commitAll(Set<TaskId> closing) {
        for (StreamTask standby : standbys.values()) {
            standby.checkpointStandby();
        }
        if (tasks.isEmpty()) {
            return;
        }
        for (StreamTask task : tasks.values()) {
            task.flushState();
        }
        collector.flush();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (StreamTask task : tasks.values()) {
            offsets.putAll(task.uncommittedOffsets());
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
            for (StreamTask task : tasks.values()) {
                task.markCommitted(offsets);
            }
            purger.committed(offsets, System.currentTimeMillis());
            LOG.debug("{} committed {}", getName(), offsets);
        }
        Map<TopicPartition, Long> produced = collector.producedOffsets();
        for (StreamTask task : tasks.values()) {
            task.checkpoint(produced, closing.contains(task.id()) ? 0 : CHECKPOINT_MIN_RECORDS);
        }
    }

    /** Changelog records after which a commit also flushes stores to disk and writes a checkpoint. */
    private static final long CHECKPOINT_MIN_RECORDS = 10_000;

    /** The thread's running tasks, for interactive queries (a snapshot safe to read from other threads). */
    List<StreamTask> runningTasks() {
        return published;
    }

    private void closeTasks(boolean clean) {
        closeRestoringTasks(restoring.keySet());
        closeActiveTasks(tasks.keySet(), clean);
        closeStandbys(standbys.keySet(), clean);
        try {
            restoreConsumer.assign(List.of());
        } catch (RuntimeException e) {
            LOG.debug("{}: unassigning the restore consumer failed", getName(), e);
        }
    }

    /** Closes active tasks (committed before, if {@code clean}) and stops feeding them records. */
    private void closeActiveTasks(Collection<TaskId> ids, boolean clean) {
        for (TaskId id : List.copyOf(ids)) {
            StreamTask task = tasks.remove(id);
            if (task == null) {
                continue;
            }
            task.partitions().forEach(taskByPartition::remove);
            try {
                task.close();
            } catch (RuntimeException e) {
                if (clean) {
                    LOG.warn("{}: closing task {} failed", getName(), id, e);
                }
            } finally {
                locks.release(id);
            }
        }
        published = List.copyOf(tasks.values());
    }

    /** Closes standby tasks, writing their checkpoint first if {@code clean}. */
    private void closeStandbys(Collection<TaskId> ids, boolean clean) {
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
                LOG.warn("{}: closing standby task {} failed", getName(), id, e);
            } finally {
                locks.release(id);
            }
        }
    }

    private StreamTask removeStandby(TaskId id) {
        StreamTask standby = standbys.remove(id);
        if (standby != null) {
            standby.stateManager().loggedStores().keySet().forEach(standbyByChangelog::remove);
        }
        return standby;
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

    /** How long a thread waits for another thread of the instance to close a task's stores. */
    private static final long STORE_HANDOVER_TIMEOUT_MS = 60_000;

    /**
     * Creates the standby tasks of the assignment this thread does not have yet. A standby gets the task's input
     * partitions (unused while it is a standby) so that it can be promoted to active in place.
     */
    private void createStandbys(Set<TaskId> wanted) {
        for (TaskId id : wanted) {
            if (tasks.containsKey(id) || standbys.containsKey(id)) {
                continue;
            }
            StreamTask standby = factory.create(id, inputPartitionsOf(id), collector, errors, metrics,
                    WallClock.SYSTEM, cacheBudget);
            openStores(standby);
            standbys.put(id, standby);
            standby.stateManager().loggedStores().keySet().forEach(tp -> standbyByChangelog.put(tp, standby));
        }
    }

    /** Points the restore consumer at every standby changelog, each at the position its store has reached. */
    private void followStandbyChangelogs() {
        restoreConsumer.assign(standbyByChangelog.keySet());
        standbyByChangelog.forEach((tp, t) -> restoreConsumer.seek(tp, t.stateManager().restoreStartOffset(tp)));
    }

    /** The task's input partitions according to the consumer's metadata. */
    private List<TopicPartition> inputPartitionsOf(TaskId id) {
        List<TopicPartition> out = new ArrayList<>();
        for (TopicRef ref : factory.subtopologies().get(id.subtopology()).sourceTopics()) {
            String topic = ref.resolve(factory.applicationId());
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            if (partitions != null && id.partition() < partitions.size()) {
                out.add(new TopicPartition(topic, id.partition()));
            }
        }
        return out;
    }

    /** Applies whatever the standbys' changelogs have ready, without blocking. */
    private void updateStandbys() {
        ConsumerRecords<byte[], byte[]> records = restoreConsumer.poll(Duration.ZERO);
        for (TopicPartition tp : records.partitions()) {
            StreamTask t = standbyByChangelog.get(tp);
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
            List<byte[][]> kvs = new ArrayList<>(batch.size());
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                kvs.add(new byte[][] {r.key(), r.value()});
            }
            t.stateManager().restoreBatch(tp, kvs);
            t.stateManager().restored(tp, batch.get(batch.size() - 1).offset() + 1);
        }
    }

    private void closeClients(boolean clean) {
        try {
            if (clean) {
                collector.closeClean(Duration.ofSeconds(30));
            } else {
                collector.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the producer failed", getName(), e);
        }
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the consumer failed", getName(), e);
        }
        try {
            restoreConsumer.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the restore consumer failed", getName(), e);
        }
        try {
            restorer.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the restorer's consumer failed", getName(), e);
        }
    }

    /**
     * Starts the tasks of newly assigned partitions: promotes this thread's standby of a task in place (stores open,
     * only the changelog records it had not applied are restored), creates the others, restores their stores and
     * initializes them. Standbys the assignment no longer lists are closed first, so that another thread of this
     * instance may open their stores.
     */
    private void assign(Collection<TopicPartition> added) {
        Map<TaskId, List<TopicPartition>> newTasks = new LinkedHashMap<>(factory.tasksFor(added));
        newTasks.keySet().removeIf(id -> tasks.containsKey(id) || restoring.containsKey(id));
        Set<TaskId> wantedStandbys = new TreeSet<>(assignment.standbyTasks());
        wantedStandbys.removeAll(tasks.keySet());
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
            started.values().forEach(StreamThread.this::closeQuietly);
            throw e;
        }
        boolean moreToRestore = false;
        try {
            for (StreamTask task : started.values()) {
                if (task.stateful()) {
                    moreToRestore = true;
                    // restored off the poll loop (a long restore must not exceed max.poll.interval.ms); runs when done
                    restoring.put(task.id(), task);
                    consumer.pause(task.partitions());
                } else {
                    run(task);
                }
            }
        } catch (RuntimeException e) {
            started.values().stream().filter(t -> !tasks.containsKey(t.id()) && !restoring.containsKey(t.id()))
                    .forEach(StreamThread.this::closeQuietly);
            throw e;
        } finally {
            published = List.copyOf(tasks.values());
        }
        if (moreToRestore) {
            restartRestore();
        }
        createStandbys(wantedStandbys);
        followStandbyChangelogs();
        LOG.info("{} now runs tasks {} (new: {}) and standby tasks {}", getName(), tasks.keySet(), started.keySet(),
                standbys.keySet());
    }

    /** Initializes a task whose stores are ready and feeds it records from now on. */
    private void run(StreamTask task) {
        task.initialize();
        tasks.put(task.id(), task);
        task.partitions().forEach(tp -> taskByPartition.put(tp, task));
    }

    /** (Re)starts restoring every task in {@link #restoring}, after stopping a restore already in progress. */
    private void restartRestore() {
        stopRestore();
        restoreJob = new RestoreJob(List.copyOf(restoring.values()));
        restoreJob.start();
    }

    /** Stops the restore in progress, if any, and waits for it; the stores keep what was applied. */
    private void stopRestore() {
        RestoreJob job = restoreJob;
        restoreJob = null;
        if (job != null) {
            job.cancelAndWait();
        }
    }

    /** Runs the tasks whose restore has finished; a failed restore fails the thread. */
    private void advanceRestore() {
        RestoreJob job = restoreJob;
        if (job == null) {
            restartRestore();
            return;
        }
        if (!job.done()) {
            return;
        }
        restoreJob = null;
        if (job.failure() != null) {
            throw new StreamsException("Restoring the state of tasks " + job.taskIds() + " failed: "
                    + job.failure().getMessage(), job.failure());
        }
        for (StreamTask task : job.tasks()) {
            if (restoring.remove(task.id()) != null) {
                run(task);
                consumer.resume(task.partitions());
            }
        }
        published = List.copyOf(tasks.values());
        if (!restoring.isEmpty()) {
            restartRestore();
        }
        LOG.info("{} restored and now runs tasks {}", getName(), tasks.keySet());
    }

    /** Closes tasks that were still restoring (never initialized); they keep no checkpoint. */
    private void closeRestoringTasks(Collection<TaskId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        stopRestore();
        for (TaskId id : List.copyOf(ids)) {
            StreamTask task = restoring.remove(id);
            if (task != null) {
                closeQuietly(task);
            }
        }
    }

    /**
     * The restore of a set of tasks on a thread of its own (which may fan out to more threads), so that the stream
     * thread keeps polling (group membership, standbys, the tasks that already run) while state comes back.
     */
    private final class RestoreJob {
        private final List<StreamTask> tasks;
        private final Thread thread;
        private volatile boolean cancelled;
        private volatile boolean done;
        private volatile Throwable failure;

        RestoreJob(List<StreamTask> tasks) {
            this.tasks = tasks;
            this.thread = new Thread(() -> {
                try {
                    restorer.restore(tasks, restoreListener.get(), () -> cancelled);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done = true;
                }
            }, getName() + "-restore");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        boolean done() {
            return done;
        }

        Throwable failure() {
            return failure;
        }

        List<StreamTask> tasks() {
            return tasks;
        }

        List<TaskId> taskIds() {
            return tasks.stream().map(StreamTask::id).toList();
        }

        void cancelAndWait() {
            cancelled = true;
            StoreRestorer.awaitEnd(thread);
        }
    }

    /** Closes a task that never ran (its start failed) and gives up its stores. */
    private void closeQuietly(StreamTask task) {
        try {
            task.close();
        } catch (RuntimeException e) {
            LOG.debug("{}: closing task {} after a failed start failed too", getName(), task.id(), e);
        } finally {
            locks.release(task.id());
        }
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

    /**
     * Cooperative protocol: a rebalance revokes only the partitions that move (then the consumer rejoins at once for
     * the follow-up rebalance that hands them to their new owner) and adds only new ones.
     */
    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            setState(StreamThreadState.PARTITIONS_REVOKED);
            Set<TaskId> revoked = new TreeSet<>();
            Set<TaskId> revokedRestoring = new TreeSet<>();
            for (TopicPartition tp : partitions) {
                StreamTask task = taskByPartition.get(tp);
                if (task != null) {
                    revoked.add(task.id());
                }
                restoring.values().stream().filter(t -> t.partitions().contains(tp))
                        .forEach(t -> revokedRestoring.add(t.id()));
            }
            closeRestoringTasks(revokedRestoring);
            if (revoked.isEmpty()) {
                return;
            }
            try {
                commitAll(revoked);
                closeActiveTasks(revoked, true);
            } catch (CommitFailedException | RebalanceInProgressException e) {
                LOG.warn("{}: commit on revocation of {} failed; the new owners reprocess from the last commit",
                        getName(), revoked);
                closeActiveTasks(revoked, false);
            }
            LOG.info("{} closed revoked tasks {}, keeps running {}", getName(), revoked, tasks.keySet());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            setState(StreamThreadState.PARTITIONS_ASSIGNED);
            if (!assignment.applicationShutdownSignalled() && !assignment.applicationShutdownRequested()) {
                assign(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            LOG.warn("{} lost its partitions (it was removed from the group); dropping uncommitted progress", getName());
            setState(StreamThreadState.PARTITIONS_REVOKED);
            closeTasks(false);
        }
    }

    List<TaskId> taskIds() {
        return new ArrayList<>(tasks.keySet());
    }
}
