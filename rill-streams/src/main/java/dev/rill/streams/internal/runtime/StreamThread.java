package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.rill.streams.internal.engine.PartitionLags;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.processor.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream thread: a consumer in the application's group, a producer, and the tasks assigned to it. The loop is
 * poll, buffer per task, process every buffered record in timestamp order, fire wall-clock punctuations, and every
 * {@code commit.interval.ms} (or on request) commit through the {@link Committer} of the processing guarantee.
 *
 * <p>The work is divided: the {@link TaskManager} holds the tasks and their lifecycle, the {@link RestoreCoordinator}
 * brings stores up to date off the poll loop and keeps standbys updated, the {@link Committer} makes progress
 * durable. This class drives them from the poll loop and the rebalance callbacks.
 *
 * <p>Rebalances are cooperative: the thread keeps running the tasks it keeps; it commits and closes only the tasks
 * of revoked partitions and creates only the tasks of added ones. A standby of a task that becomes active here is
 * promoted with its stores open, so it restores only what it had not applied yet.
 */
public final class StreamThread extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThread.class);

    private final StreamsConfig config;
    private final AssignmentContext assignment;
    private final Consumer<byte[], byte[]> consumer;
    private final KafkaRecordCollector collector;
    private final ThreadOwner owner;
    private final int index;
    private final TaskManager tasks;
    private final RestoreCoordinator restore;
    private final Committer committer;
    private volatile boolean leaveGroupOnClose = true;
    private final Set<TopicPartition> pausedByUser = new java.util.HashSet<>();
    /** Partitions this thread stopped fetching because their task buffers too many of their records. */
    private final Set<TopicPartition> pausedForBuffer = new java.util.HashSet<>();
    private volatile StreamThreadState state = StreamThreadState.CREATED;
    private long lastCommitMs;
    private final OffsetResetter resetter;
    /** The consumer's lags as of the last poll (they change only in a poll), asked at most once per partition. */
    private final java.util.Map<TopicPartition, OptionalLong> lagsSincePoll = new java.util.HashMap<>();
    private final PartitionLags lags = tp -> lagsSincePoll.computeIfAbsent(tp, this::lag);

    StreamThread(String name, int index, StreamsConfig config, AssignmentContext assignment,
                 Consumer<byte[], byte[]> consumer, KafkaRecordCollector collector, ThreadOwner owner,
                 TaskManager tasks, RestoreCoordinator restore, Committer committer) {
        super(name);
        this.index = index;
        this.config = config;
        this.assignment = assignment;
        this.consumer = consumer;
        this.collector = collector;
        this.owner = owner;
        this.tasks = tasks;
        this.restore = restore;
        this.committer = committer;
        this.resetter = new OffsetResetter(assignment.factory(), config);
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

    /** Asks the thread to stop after the current loop iteration, committing its progress and leaving the group. */
    void shutdown() {
        shutdown(true);
    }

    /**
     * Asks the thread to stop after the current loop iteration, committing its progress; its consumer leaves the
     * group or, with {@code leaveGroup} false, stays a member until its session times out.
     */
    void shutdown(boolean leaveGroup) {
        this.leaveGroupOnClose = leaveGroup;
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
            committer.start();
            java.util.regex.Pattern pattern = assignment.subscriptionPattern();
            if (pattern == null) {
                consumer.subscribe(assignment.sourceTopics(), new Listener());
            } else {
                // the consumer then rejoins when its metadata (every metadata.max.age.ms) shows a new matching topic
                consumer.subscribe(pattern, new Listener());
            }
            lastCommitMs = System.currentTimeMillis();
            while (state != StreamThreadState.PENDING_SHUTDOWN) {
                if (!runOnce()) {
                    break;
                }
            }
            if (assignment.applicationShutdownSignalled()) {
                LOG.warn("{}: the application is shutting down on request of another member", getName());
                committer.abort();
                closeTasks(true);
                closeClients(true);
                setState(StreamThreadState.PENDING_SHUTDOWN);
                setState(StreamThreadState.DEAD);
                owner.onApplicationShutdownSignal(this);
                return;
            }
            commit(tasks.activeIds());
            closeTasks(true);
        } catch (WakeupException e) {
            if (state != StreamThreadState.PENDING_SHUTDOWN) {
                failure = e;
            } else {
                try {
                    commit(tasks.activeIds());
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
        StreamThreadExceptionResponse response;
        if (migrated(failure)) {
            // exactly-once: the transaction cannot commit; a new thread (new producer, new member) takes over
            LOG.warn("{}: {}; replacing the thread", getName(), failure.getMessage());
            closeTasks(false);
            response = StreamThreadExceptionResponse.REPLACE_THREAD;
        } else {
            LOG.error("{} failed; its uncommitted progress is not committed", getName(), failure);
            closeTasks(false);
            try {
                response = owner.decide(failure);
            } catch (RuntimeException e) {
                LOG.error("The uncaught exception handler threw; shutting the client down", e);
                response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
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

    /** Whether the failure, or what it wraps (a rebalance callback's exception), is a {@link TaskMigratedException}. */
    private static boolean migrated(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TaskMigratedException) {
                return true;
            }
        }
        return false;
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

    /**
     * How long the next poll may block: {@code poll.ms}, less while a task holds records it waits to process until a
     * caught-up partition's {@code max.task.idle.ms} passes.
     */
    private long pollTimeoutMs() {
        long timeout = config.pollMs();
        long now = System.currentTimeMillis();
        for (StreamTask task : tasks.active()) {
            long deadline = task.buffered() > 0 ? task.idleDeadline() : Long.MAX_VALUE;
            if (deadline > now && deadline != Long.MAX_VALUE) {
                timeout = Math.min(timeout, deadline - now);
            }
        }
        return timeout;
    }

    /** The consumer's knowledge of a partition's unfetched records (unknown for a partition no longer assigned). */
    private OptionalLong lag(TopicPartition partition) {
        try {
            return consumer.currentLag(partition);
        } catch (IllegalStateException e) {
            return OptionalLong.empty();
        }
    }

    /** One loop iteration; false when the application shutdown signal arrived. */
    private boolean runOnce() {
        boolean paused = owner.processingPaused();
        followPause(paused);
        ConsumerRecords<byte[], byte[]> records;
        lagsSincePoll.clear();
        try {
            records = consumer.poll(Duration.ofMillis(pollTimeoutMs()));
        } catch (InvalidOffsetException e) {
            // only with per-source reset policies (the consumer's auto.offset.reset is then none)
            resetter.reset(consumer, e);
            records = ConsumerRecords.empty();
        }
        if (assignment.applicationShutdownSignalled()) {
            return false;
        }
        // paused during the poll: what it fetched is buffered, not processed (pause() takes effect at once)
        paused |= owner.processingPaused();
        if (!tasks.restoring().isEmpty()) {
            advanceRestore();
        }
        if (state == StreamThreadState.PARTITIONS_ASSIGNED && !assignment.followUpPending()
                && tasks.restoring().isEmpty()) {
            setState(StreamThreadState.RUNNING);
        }
        for (TopicPartition tp : records.partitions()) {
            StreamTask task = tasks.activeTaskOf(tp);
            if (task != null) {
                task.addRecords(tp, records.records(tp));
            }
        }
        if (!paused && !tasks.standbyChangelogs().isEmpty()) {
            restore.updateStandbys(tasks.standbyChangelogs());
        }
        boolean commitRequested = false;
        long now = System.currentTimeMillis();
        if (!paused) {
            for (StreamTask task : tasks.active()) {
                if (task.buffered() > 0) {
                    task.process(Integer.MAX_VALUE, now, lags);
                }
            }
            now = System.currentTimeMillis();
            for (StreamTask task : tasks.active()) {
                task.maybePunctuateWallClock(now);
                commitRequested |= task.takeCommitRequest();
            }
            pauseOrResumeByBuffer();
        }
        if ((commitRequested || now - lastCommitMs >= config.commitIntervalMs())
                && !(config.exactlyOnce() && assignment.joining())) {
            // under exactly-once, not while joining: the broker refuses offsets of a stale generation, which would
            // abort the transaction (revoked tasks still commit, in the callback, with the new generation)
            try {
                commit(Set.of());
            } catch (CommitFailedException | RebalanceInProgressException e) {
                LOG.warn("{}: commit failed because the group is rebalancing; records since the last commit will be "
                        + "processed again by the partitions' next owner", getName());
            }
            lastCommitMs = now;
        }
        return true;
    }

    /**
     * Stops fetching a partition whose task buffers more than {@code buffered.records.per.partition} of its records,
     * and fetches it again once the task has processed it down to that many, as Kafka Streams does. A task takes its
     * partitions' records in timestamp order, so while it waits for data of one partition (a join waiting for the
     * other side) it would otherwise buffer whatever the consumer hands out for the others.
     */
    private void pauseOrResumeByBuffer() {
        int max = config.bufferedRecordsPerPartition();
        if (!pausedForBuffer.isEmpty()) {
            List<TopicPartition> resume = new ArrayList<>();
            for (java.util.Iterator<TopicPartition> it = pausedForBuffer.iterator(); it.hasNext(); ) {
                TopicPartition tp = it.next();
                StreamTask task = tasks.activeTaskOf(tp);
                if (task == null) {
                    it.remove();
                    // revoked (nothing to do), or its task restores (the restore resumes it when done)
                    if (consumer.assignment().contains(tp)
                            && tasks.restoring().stream().noneMatch(t -> t.partitions().contains(tp))) {
                        resume.add(tp);
                    }
                } else if (task.buffered(tp) <= max) {
                    it.remove();
                    resume.add(tp);
                }
            }
            if (!resume.isEmpty()) {
                consumer.resume(resume);
            }
        }
        List<TopicPartition> pause = null;
        for (StreamTask task : tasks.active()) {
            if (task.buffered() <= max) {
                continue;
            }
            for (TopicPartition tp : task.partitions()) {
                if (task.buffered(tp) > max && pausedForBuffer.add(tp)) {
                    if (pause == null) {
                        pause = new ArrayList<>();
                    }
                    pause.add(tp);
                }
            }
        }
        if (pause != null) {
            consumer.pause(pause);
        }
    }

    /**
     * While processing is paused, stops fetching every assigned partition that is not paused already (restores pause
     * their own), also partitions assigned meanwhile; when it resumes, resumes exactly those. The thread keeps
     * polling, so it stays in the group.
     */
    private void followPause(boolean paused) {
        if (paused) {
            Set<TopicPartition> fetching = new java.util.HashSet<>(consumer.assignment());
            fetching.removeAll(consumer.paused());
            if (!fetching.isEmpty()) {
                consumer.pause(fetching);
                pausedByUser.addAll(fetching);
            }
        } else if (!pausedByUser.isEmpty()) {
            pausedByUser.retainAll(consumer.assignment());
            consumer.resume(pausedByUser);
            pausedByUser.clear();
        }
    }

    /** Commits every running task; the stores of {@code closing} tasks are checkpointed whatever their lag. */
    private void commit(Set<TaskId> closing) {
        committer.commit(tasks.active(), tasks.standbys(), closing);
    }

    /** The thread's running tasks, for interactive queries (a snapshot safe to read from other threads). */
    List<StreamTask> runningTasks() {
        return tasks.runningTasks();
    }

    /** Closes every task; without {@code clean}, the uncommitted progress is dropped first (see {@link Committer#abort}). */
    private void closeTasks(boolean clean) {
        if (!clean) {
            committer.abort();
        }
        if (!tasks.restoring().isEmpty()) {
            restore.stop();
        }
        tasks.closeAll(clean);
        restore.unassignStandbys();
    }

    private void closeClients(boolean clean) {
        try {
            if (clean || committer.deliversSentRecordsOnFailure()) {
                collector.closeClean(Duration.ofSeconds(30));
            } else {
                collector.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the producer failed", getName(), e);
        }
        try {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.groupMembershipOperation(leaveGroupOnClose
                    ? org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                    : org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the consumer failed", getName(), e);
        }
        restore.close();
    }

    /** Starts the tasks of newly assigned partitions (see {@link TaskManager#assign}) and their restore. */
    private void assign(Collection<TopicPartition> added) {
        TaskManager.Assigned assigned = tasks.assign(added, assignment.standbyTasks());
        for (StreamTask task : assigned.toRestore()) {
            consumer.pause(task.partitions());
        }
        if (!assigned.toRestore().isEmpty()) {
            restore.restart(tasks.restoring());
        }
        tasks.createStandbys(assigned.standbysToCreate());
        restore.followStandbys(tasks.standbyChangelogs(),
                id -> tasks.activeIds().contains(id) || tasks.restoring().stream().anyMatch(t -> t.id().equals(id)));
        LOG.info("{} now runs tasks {} (new: {}) and standby tasks {}", getName(), tasks.activeIds(),
                assigned.started().keySet(), tasks.standbyIds());
    }

    /** Runs the tasks whose restore has finished; a failed restore fails the thread. */
    private void advanceRestore() {
        boolean wasRunning = restore.inProgress();
        List<StreamTask> done = restore.finished(tasks.restoring());
        if (!wasRunning || done.isEmpty()) {
            return;
        }
        for (StreamTask task : tasks.restored(done)) {
            consumer.resume(task.partitions());
        }
        if (!tasks.restoring().isEmpty()) {
            restore.restart(tasks.restoring());
        }
        LOG.info("{} restored and now runs tasks {}", getName(), tasks.activeIds());
    }

    /**
     * Cooperative protocol: a rebalance revokes only the partitions that move (then the consumer rejoins at once for
     * the follow-up rebalance that hands them to their new owner) and adds only new ones.
     */
    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            setState(StreamThreadState.PARTITIONS_REVOKED);
            Set<TaskId> revoked = tasks.activeTasksOf(partitions);
            Set<TaskId> revokedRestoring = tasks.restoringTasksOf(partitions);
            if (!revokedRestoring.isEmpty()) {
                restore.stop();
                tasks.closeRestoring(revokedRestoring);
            }
            if (revoked.isEmpty()) {
                return;
            }
            try {
                commit(revoked);
                tasks.closeActive(revoked, true);
            } catch (CommitFailedException | RebalanceInProgressException e) {
                LOG.warn("{}: commit on revocation of {} failed; the new owners reprocess from the last commit",
                        getName(), revoked);
                tasks.closeActive(revoked, false);
            }
            LOG.info("{} closed revoked tasks {}, keeps running {}", getName(), revoked, tasks.activeIds());
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
        return new ArrayList<>(tasks.activeIds());
    }
}
