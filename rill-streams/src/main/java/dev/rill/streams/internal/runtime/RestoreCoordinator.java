package dev.rill.streams.internal.runtime;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.processor.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a stream thread's stores up to date from their changelogs without blocking its poll loop. New stateful
 * tasks are restored by a {@link StoreRestorer} on a restore thread of their own (which may fan out to more threads),
 * so the stream thread keeps polling (group membership, standbys, the tasks that already run) while state comes
 * back; the stream thread asks {@link #finished} on each loop which tasks are ready. Standby tasks are kept updated
 * on the stream thread itself from the standby consumer, without blocking.
 *
 * <p>At most one restore runs at a time; a change of the set of restoring tasks stops it (the stores keep what was
 * applied and the next restore resumes from there) and starts a new one over the new set.
 */
final class RestoreCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreCoordinator.class);

    private final String name;
    private final StoreRestorer restorer;
    private final Supplier<StateRestoreListener> listener;
    private final Consumer<byte[], byte[]> standbyConsumer;
    private final Supplier<dev.rill.streams.processor.StandbyUpdateListener> standbyListener;
    /** The standby changelogs followed, for the standby update listener. */
    private final Map<TopicPartition, Followed> followed = new java.util.HashMap<>();
    /** The restore in progress, or null. */
    private RestoreJob job;

    /**
     * @param restorer        restores new tasks' stores (owns its consumers)
     * @param listener        the user's restore listener at the time a restore starts
     * @param standbyConsumer reads the standbys' changelogs on the stream thread
     */
    RestoreCoordinator(String name, StoreRestorer restorer, Supplier<StateRestoreListener> listener,
                       Consumer<byte[], byte[]> standbyConsumer) {
        this(name, restorer, listener, standbyConsumer, () -> NO_STANDBY_LISTENER);
    }

    /** @param standbyListener the user's standby update listener (asked at each call) */
    RestoreCoordinator(String name, StoreRestorer restorer, Supplier<StateRestoreListener> listener,
                       Consumer<byte[], byte[]> standbyConsumer,
                       Supplier<dev.rill.streams.processor.StandbyUpdateListener> standbyListener) {
        this.standbyListener = standbyListener;
        this.name = name;
        this.restorer = restorer;
        this.listener = listener;
        this.standbyConsumer = standbyConsumer;
    }

    /** (Re)starts restoring {@code tasks}, after stopping a restore already in progress; nothing if empty. */
    void restart(Collection<StreamTask> tasks) {
        stop();
        if (tasks.isEmpty()) {
            return;
        }
        job = new RestoreJob(List.copyOf(tasks));
        job.start();
    }

    /** Stops the restore in progress, if any, and waits for it; the stores keep what was applied. */
    void stop() {
        RestoreJob running = job;
        job = null;
        if (running != null) {
            running.cancelAndWait();
        }
    }

    /** Whether a restore is running. */
    boolean inProgress() {
        return job != null;
    }

    /**
     * The tasks of the restore that has just finished, once: empty while it runs. When no restore runs, one is
     * started over {@code pending}. A finished restore that failed throws.
     *
     * @param pending the tasks still to restore (the stream thread's restoring tasks)
     * @throws StreamsException if the restore failed
     */
    List<StreamTask> finished(Collection<StreamTask> pending) {
        RestoreJob current = job;
        if (current == null) {
            restart(pending);
            return List.of();
        }
        if (!current.done()) {
            return List.of();
        }
        job = null;
        if (current.failure() != null) {
            throw new StreamsException("Restoring the state of tasks " + current.taskIds() + " failed: "
                    + current.failure().getMessage(), current.failure());
        }
        return current.tasks();
    }

    /** A listener that ignores every call. */
    static final dev.rill.streams.processor.StandbyUpdateListener NO_STANDBY_LISTENER =
            new dev.rill.streams.processor.StandbyUpdateListener() {
                @Override
                public void onUpdateStart(TopicPartition tp, String store, long startingOffset) {
                }

                @Override
                public void onBatchLoaded(TopicPartition tp, String store, dev.rill.streams.processor.TaskId task,
                                          long batchEndOffset, long batchSize, long currentEndOffset) {
                }

                @Override
                public void onUpdateSuspended(TopicPartition tp, String store, long storeOffset, long currentEndOffset,
                                              dev.rill.streams.processor.StandbyUpdateListener.SuspendReason reason) {
                }
            };

    /** A standby changelog being followed: its store and task, the last offset applied and the end last seen. */
    private static final class Followed {
        final String store;
        final dev.rill.streams.processor.TaskId task;
        long lastApplied;
        long end = -1;

        Followed(String store, dev.rill.streams.processor.TaskId task, long lastApplied) {
            this.store = store;
            this.task = task;
            this.lastApplied = lastApplied;
        }
    }

    /**
     * Points the standby consumer at every standby changelog, each at the position its store has reached. Standbys
     * no longer listed are reported suspended: promoted if {@code active} now says their task runs here, else migrated.
     */
    void followStandbys(Map<TopicPartition, StreamTask> standbyChangelogs,
                        java.util.function.Predicate<dev.rill.streams.processor.TaskId> active) {
        for (TopicPartition tp : List.copyOf(followed.keySet())) {
            if (!standbyChangelogs.containsKey(tp)) {
                Followed f = followed.get(tp);
                suspend(tp, active.test(f.task) ? dev.rill.streams.processor.StandbyUpdateListener.SuspendReason.PROMOTED
                        : dev.rill.streams.processor.StandbyUpdateListener.SuspendReason.MIGRATED);
            }
        }
        standbyConsumer.assign(standbyChangelogs.keySet());
        standbyChangelogs.forEach((tp, t) -> {
            long start = t.stateManager().restoreStartOffset(tp);
            standbyConsumer.seek(tp, start);
            if (!followed.containsKey(tp)) {
                var logged = t.stateManager().loggedStores().get(tp);
                String store = logged == null ? tp.topic() : logged.storeName();
                followed.put(tp, new Followed(store, t.id(), start - 1));
                standbyListener.get().onUpdateStart(tp, store, start);
            }
        });
    }

    /** Points the standby consumer at every standby changelog (see the two-argument form; none is promoted). */
    void followStandbys(Map<TopicPartition, StreamTask> standbyChangelogs) {
        followStandbys(standbyChangelogs, id -> false);
    }

    private void suspend(TopicPartition tp, dev.rill.streams.processor.StandbyUpdateListener.SuspendReason reason) {
        Followed f = followed.remove(tp);
        if (f != null) {
            standbyListener.get().onUpdateSuspended(tp, f.store, f.lastApplied, f.end, reason);
        }
    }

    /** Applies whatever the standbys' changelogs have ready, without blocking. */
    void updateStandbys(Map<TopicPartition, StreamTask> standbyChangelogs) {
        ConsumerRecords<byte[], byte[]> records = standbyConsumer.poll(Duration.ZERO);
        for (TopicPartition tp : records.partitions()) {
            StreamTask t = standbyChangelogs.get(tp);
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
            if (t == null || batch.isEmpty()) {
                continue;
            }
            List<byte[][]> kvs = new ArrayList<>(batch.size());
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                kvs.add(new byte[][] {r.key(), r.value()});
            }
            long next = batch.get(batch.size() - 1).offset() + 1;
            t.stateManager().restoreBatch(tp, kvs, next);
            t.stateManager().restored(tp, next);
            Followed f = followed.get(tp);
            if (f != null) {
                f.lastApplied = next - 1;
                f.end = standbyConsumer.currentLag(tp).isPresent() ? next + standbyConsumer.currentLag(tp).getAsLong()
                        : f.end;
                standbyListener.get().onBatchLoaded(tp, f.store, f.task, next - 1, batch.size(), Math.max(f.end, next));
            }
        }
    }

    /** Stops following standby changelogs. */
    void unassignStandbys() {
        for (TopicPartition tp : List.copyOf(followed.keySet())) {
            suspend(tp, dev.rill.streams.processor.StandbyUpdateListener.SuspendReason.MIGRATED);
        }
        try {
            standbyConsumer.assign(List.of());
        } catch (RuntimeException e) {
            LOG.debug("{}: unassigning the standby consumer failed", name, e);
        }
    }

    /** Stops the restore in progress and closes both consumers. */
    void close() {
        stop();
        try {
            standbyConsumer.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the restore consumer failed", name, e);
        }
        try {
            restorer.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the restorer's consumer failed", name, e);
        }
    }

    /** The restore of a set of tasks on a thread of its own. */
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
                    restorer.restore(tasks, listener.get(), () -> cancelled);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done = true;
                }
            }, name + "-restore");
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
}
