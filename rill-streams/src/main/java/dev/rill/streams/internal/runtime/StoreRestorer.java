package dev.rill.streams.internal.runtime;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.internal.engine.TaskStateManager;
import dev.rill.streams.processor.StateRestoreListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the stores of newly assigned tasks up to date from their changelog partitions before the tasks process:
 * reads each partition from the checkpoint (persistent stores) or the beginning to the end offset seen at start,
 * writing every fetched batch at once (a RocksDB WriteBatch without WAL). A stream thread runs it on a restore thread
 * of its own, so that it keeps polling meanwhile, and may cancel it (when a restoring task is revoked, new tasks
 * arrive, or the thread stops).
 *
 * <p>When several tasks have enough to restore, they are split into up to {@code restore.threads} groups of about
 * equal record counts; the calling thread restores the first group with the restorer's consumer while each other
 * group gets a short-lived thread and consumer of its own, so fetching, decoding and writing run on every core. All
 * changelog partitions of one task stay in one group (a task's state manager is used by one thread at a time).
 */
final class StoreRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRestorer.class);
    /** Fewer records than this in a group are not worth a thread and consumer of their own. */
    static final long MIN_RECORDS_PER_THREAD = 50_000;

    private final Consumer<byte[], byte[]> consumer;
    private final Supplier<Consumer<byte[], byte[]>> extraConsumers;
    private final int threads;
    private final String name;

    /**
     * @param consumer       the consumer of the thread that calls {@link #restore} (no other thread uses it)
     * @param extraConsumers makes a consumer (same configuration) for each further restore thread; closed after use
     * @param threads        most threads restoring at once, the calling one included
     * @param name           prefix of the restore threads' names
     */
    StoreRestorer(Consumer<byte[], byte[]> consumer, Supplier<Consumer<byte[], byte[]>> extraConsumers, int threads,
                  String name) {
        this.consumer = consumer;
        this.extraConsumers = extraConsumers;
        this.threads = Math.max(1, threads);
        this.name = name;
    }

    /** One changelog partition to restore from {@code start} (inclusive) to {@code end} (exclusive). */
    record Part(TopicPartition changelog, TaskStateManager owner, String storeName, long start, long end) {
        long records() {
            return end - start;
        }
    }

    /**
     * Restores the tasks' stores; returns early, leaving the rest unrestored, once {@code cancelled} says so (each
     * store then holds a prefix of its changelog, and its state manager knows how far it got).
     */
    void restore(Collection<StreamTask> tasks, StateRestoreListener listener, BooleanSupplier cancelled) {
        Map<TopicPartition, TaskStateManager> owners = new LinkedHashMap<>();
        for (StreamTask t : tasks) {
            t.stateManager().loggedStores().keySet().forEach(tp -> owners.put(tp, t.stateManager()));
        }
        if (owners.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(owners.keySet(), Duration.ofSeconds(60));
        Map<TaskStateManager, List<Part>> byTask = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, TaskStateManager> e : owners.entrySet()) {
            TopicPartition tp = e.getKey();
            TaskStateManager sm = e.getValue();
            long end = ends.getOrDefault(tp, 0L);
            long start = sm.restoreStartOffset(tp);
            if (start > end) {
                LOG.warn("Checkpoint {} of {} is beyond the changelog end {}; restoring from the beginning", start, tp, end);
                start = 0;
            }
            if (start >= end) {
                sm.restored(tp, end);
                continue;
            }
            byTask.computeIfAbsent(sm, k -> new ArrayList<>())
                    .add(new Part(tp, sm, sm.loggedStores().get(tp).storeName(), start, end));
        }
        if (byTask.isEmpty()) {
            return;
        }
        List<List<Part>> groups = split(byTask.values(), threads);
        StateRestoreListener shared = groups.size() > 1 ? new SynchronizedListener(listener) : listener;
        for (List<Part> group : groups) {
            group.forEach(p -> shared.onRestoreStart(p.changelog(), p.storeName(), p.start(), p.end()));
        }
        long begin = System.nanoTime();
        long total = groups.size() == 1 ? restoreGroup(consumer, groups.get(0), shared, cancelled)
                : restoreInParallel(groups, shared, cancelled);
        LOG.info("Restored {} records of {} changelog partitions on {} thread(s) in {} ms{}", total,
                byTask.values().stream().mapToInt(List::size).sum(), groups.size(),
                (System.nanoTime() - begin) / 1_000_000, cancelled.getAsBoolean() ? " (stopped early)" : "");
    }

    /**
     * Splits tasks' parts into at most {@code max} groups of about equal record counts (largest task first into the
     * lightest group), dropping to fewer groups while the lightest holds less than {@link #MIN_RECORDS_PER_THREAD}.
     */
    static List<List<Part>> split(Collection<List<Part>> tasks, int max) {
        long total = tasks.stream().flatMap(List::stream).mapToLong(Part::records).sum();
        int n = (int) Math.max(1, Math.min(Math.min(max, tasks.size()), total / MIN_RECORDS_PER_THREAD));
        List<List<Part>> sorted = new ArrayList<>(tasks);
        sorted.sort(Comparator.comparingLong((List<Part> parts) -> parts.stream().mapToLong(Part::records).sum())
                .reversed());
        List<List<Part>> groups = new ArrayList<>();
        long[] load = new long[n];
        for (int i = 0; i < n; i++) {
            groups.add(new ArrayList<>());
        }
        for (List<Part> task : sorted) {
            int lightest = 0;
            for (int i = 1; i < n; i++) {
                if (load[i] < load[lightest]) {
                    lightest = i;
                }
            }
            groups.get(lightest).addAll(task);
            load[lightest] += task.stream().mapToLong(Part::records).sum();
        }
        return groups;
    }

    private long restoreInParallel(List<List<Part>> groups, StateRestoreListener listener, BooleanSupplier cancelled) {
        List<Thread> helpers = new ArrayList<>();
        Throwable[] failures = new Throwable[groups.size()];
        long[] restored = new long[groups.size()];
        for (int i = 1; i < groups.size(); i++) {
            int index = i;
            Thread t = new Thread(() -> {
                Consumer<byte[], byte[]> own = null;
                try {
                    own = extraConsumers.get();
                    restored[index] = restoreGroup(own, groups.get(index), listener, cancelled);
                } catch (Throwable e) {
                    failures[index] = e;
                } finally {
                    if (own != null) {
                        // no group to leave; don't wait for a fetch parked at the changelog's end
                        own.close(Duration.ZERO);
                    }
                }
            }, name + "-restore-" + i);
            t.setDaemon(true);
            helpers.add(t);
            t.start();
        }
        try {
            restored[0] = restoreGroup(consumer, groups.get(0), listener, cancelled);
        } catch (Throwable e) {
            failures[0] = e;
        }
        helpers.forEach(StoreRestorer::awaitEnd);
        for (Throwable f : failures) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error err) {
                throw err;
            }
            if (f != null) {
                throw new StreamsException("Restoring state stores failed", f);
            }
        }
        long sum = 0;
        for (long r : restored) {
            sum += r;
        }
        return sum;
    }

    /** Restores one group of parts with one consumer; returns the records restored. */
    private static long restoreGroup(Consumer<byte[], byte[]> consumer, List<Part> parts, StateRestoreListener listener,
                                     BooleanSupplier cancelled) {
        Map<TopicPartition, Part> remaining = new HashMap<>();
        Map<TopicPartition, Long> restored = new HashMap<>();
        for (Part p : parts) {
            remaining.put(p.changelog(), p);
            restored.put(p.changelog(), 0L);
        }
        // only partitions with something to restore are assigned: every assigned partition needs a position
        consumer.assign(remaining.keySet());
        parts.forEach(p -> consumer.seek(p.changelog(), p.start()));
        try {
            while (!remaining.isEmpty() && !cancelled.getAsBoolean()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (TopicPartition tp : records.partitions()) {
                    Part part = remaining.get(tp);
                    if (part == null) {
                        continue;
                    }
                    List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
                    List<byte[][]> kvs = new ArrayList<>(batch.size());
                    long last = -1;
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        if (r.offset() >= part.end()) {
                            break;
                        }
                        kvs.add(new byte[][] {r.key(), r.value()});
                        last = r.offset();
                    }
                    if (!kvs.isEmpty()) {
                        part.owner().restoreBatch(tp, kvs, last + 1);
                        // a restore stopped after this batch resumes after it
                        part.owner().restored(tp, last + 1);
                        restored.merge(tp, (long) kvs.size(), Long::sum);
                        listener.onBatchRestored(tp, part.storeName(), last, kvs.size());
                    }
                }
                // a partition is done when the position reaches the end (records past it, or a compacted tail)
                for (Part part : new ArrayList<>(remaining.values())) {
                    if (consumer.position(part.changelog()) >= part.end()) {
                        remaining.remove(part.changelog());
                        part.owner().restored(part.changelog(), part.end());
                        consumer.pause(List.of(part.changelog()));
                        listener.onRestoreEnd(part.changelog(), part.storeName(), restored.get(part.changelog()));
                    }
                }
            }
        } finally {
            consumer.assign(List.of());
        }
        return restored.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Waits until a restore thread has ended (they end soon once cancelled), keeping the caller's interrupt status
     * for afterwards: the stores it writes must not be closed under it.
     */
    static void awaitEnd(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the consumer of the restoring thread. */
    void close() {
        consumer.close(Duration.ZERO);
    }

    /** Serializes calls into a user's listener when restore threads report at the same time. */
    private record SynchronizedListener(StateRestoreListener delegate) implements StateRestoreListener {
        @Override
        public synchronized void onRestoreStart(TopicPartition partition, String storeName, long startingOffset,
                                                long endingOffset) {
            delegate.onRestoreStart(partition, storeName, startingOffset, endingOffset);
        }

        @Override
        public synchronized void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset,
                                                 long numRestored) {
            delegate.onBatchRestored(partition, storeName, batchEndOffset, numRestored);
        }

        @Override
        public synchronized void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            delegate.onRestoreEnd(partition, storeName, totalRestored);
        }
    }

    /** A listener that does nothing. */
    static final StateRestoreListener NONE = new StateRestoreListener() {
        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        }
    };
}
