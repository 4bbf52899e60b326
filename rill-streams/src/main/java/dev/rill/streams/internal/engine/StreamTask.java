package dev.rill.streams.internal.engine;

import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sub-topology instantiated for one partition number. Buffers the input of its partitions and processes it in
 * timestamp order across partitions (smallest head timestamp first), advances stream time, fires punctuations,
 * and reports the offsets it may commit. The runtime's stream thread and the test driver both drive this class,
 * so their semantics cannot drift. Not thread-safe: owned by one thread.
 */
public final class StreamTask {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);

    private final TaskId id;
    private final TaskContext context;
    private final List<Node> nodes;
    private final Map<TopicPartition, PartitionQueue> queues;
    private PartitionQueue[] queueArray;
    private final TaskMetrics metrics;
    private final TaskStateManager stateManager;
    private final InputAlignment alignment;
    private TaskState state = TaskState.CREATED;
    private int buffered;

    StreamTask(TaskId id, TaskContext context, List<Node> nodes, Map<TopicPartition, PartitionQueue> queues,
               TaskMetrics metrics, TaskStateManager stateManager, long maxTaskIdleMs) {
        this.id = id;
        this.alignment = new InputAlignment(id.toString(), maxTaskIdleMs);
        this.stateManager = stateManager;
        this.context = context;
        this.nodes = List.copyOf(nodes);
        this.queues = new LinkedHashMap<>(queues);
        this.queueArray = queues.values().toArray(new PartitionQueue[0]);
        this.metrics = metrics;
    }

    public TaskId id() {
        return id;
    }

    public Set<TopicPartition> partitions() {
        return Collections.unmodifiableSet(queues.keySet());
    }

    /**
     * Adds an input partition read by the named source node: a partition of a topic that a pattern source matched
     * after this task was created (Kafka Streams groups such topics into the existing task of their partition).
     *
     * @throws IllegalArgumentException if the task has no source node of that name or the partition is not its own
     */
    public void addInputPartition(TopicPartition partition, String sourceName) {
        if (queues.containsKey(partition)) {
            return;
        }
        Node node = nodes.stream().filter(n -> n.name.equals(sourceName)).findFirst().orElse(null);
        if (!(node instanceof SourceNode src) || partition.partition() != id.partition()) {
            throw new IllegalArgumentException("Partition " + partition + " cannot be added to task " + id
                    + ": it needs source node '" + sourceName + "' and partition " + id.partition() + ".");
        }
        queues.put(partition, new PartitionQueue(partition, src));
        queueArray = queues.values().toArray(new PartitionQueue[0]);
    }

    public TaskState state() {
        return state;
    }

    /** Opens the task's state stores; the caller then restores them (see {@link #stateManager()}). */
    public void openStores() {
        state = state.transitionTo(TaskState.RESTORING, id);
        stateManager.openStores();
    }

    /** Initializes every processor (in the order they were added), opening the stores first if not done yet. */
    public void initialize() {
        if (state == TaskState.CREATED) {
            openStores();
        }
        state = state.transitionTo(TaskState.RUNNING, id);
        for (Node n : nodes) {
            n.init(context);
        }
    }

    public TaskStateManager stateManager() {
        return stateManager;
    }

    /** For a standby task: flushes its stores and writes the checkpoint at the changelog positions applied so far. */
    public void checkpointStandby() {
        if (state == TaskState.RESTORING) {
            stateManager.maybeCheckpoint(Map.of(), 0);
        }
    }

    /** Whether the task has state stores. */
    public boolean stateful() {
        return !stateManager.stores().isEmpty();
    }

    /** A store of this task by name, or null. */
    public dev.rill.streams.processor.StateStore store(String name) {
        return stateManager.localStore(name);
    }

    /**
     * First step of a commit: writes every write cache through (forwarding its records downstream) and flushes the
     * stores to disk. Then the caller flushes the producer, calls {@link #checkpoint} and commits offsets.
     */
    public void flushState() {
        if (state == TaskState.RUNNING) {
            stateManager.flushCaches();
        }
    }

    /**
     * Flushes the stores to disk and writes the task's checkpoint from the producer's acknowledged changelog offsets
     * when at least {@code minRecords} changelog records were written since the last checkpoint (0: always).
     */
    public void checkpoint(Map<TopicPartition, Long> producedOffsets, long minRecords) {
        if (state == TaskState.RUNNING) {
            stateManager.maybeCheckpoint(producedOffsets, minRecords);
        }
    }

    /**
     * Exactly-once, after the transaction committed: applies the writes the task's transactional stores buffered,
     * with the changelog offsets reached (from the producer's acknowledged offsets).
     */
    public void commitState(Map<TopicPartition, Long> producedOffsets) {
        if (state == TaskState.RUNNING) {
            stateManager.commitTransactions(producedOffsets);
        }
    }

    /** Deletes the task's checkpoint file (see {@link TaskStateManager#deleteCheckpoint()}); exactly-once only. */
    public void discardCheckpoint() {
        stateManager.deleteCheckpoint();
    }

    /** Buffers records fetched for one of this task's partitions. */
    public void addRecords(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        PartitionQueue q = queues.get(partition);
        if (q == null) {
            throw new IllegalArgumentException("Task " + id + " does not own partition " + partition + "; it owns "
                    + queues.keySet());
        }
        q.addAll(records);
        buffered += records.size();
    }

    public int buffered() {
        return buffered;
    }

    /** Records buffered for one input partition (0 for a partition not the task's). */
    public int buffered(TopicPartition partition) {
        PartitionQueue q = queues.get(partition);
        return q == null ? 0 : q.size();
    }

    /**
     * Whether the task has buffered records it may process now (see {@link #process(int, long, PartitionLags)}).
     */
    public boolean processable(long nowMs, PartitionLags lags) {
        return buffered > 0 && alignment.ready(queueArray, nowMs, lags);
    }

    /** The wall-clock time at which the task stops waiting for a caught-up empty partition, or Long.MAX_VALUE. */
    public long idleDeadline() {
        return alignment.nextDeadline();
    }

    /**
     * Processes buffered records until none are left or {@code max} were processed, as if every empty partition
     * were caught up at wall-clock time 0 (for tests of the engine).
     *
     * @return the number of records taken from the buffer
     */
    public int process(int max) {
        return process(max, 0, PartitionLags.CAUGHT_UP);
    }

    /**
     * Processes buffered records until none are left, {@code max} were processed, or the task has to wait for data
     * on an empty partition ({@code max.task.idle.ms}, see {@link InputAlignment}).
     *
     * @param nowMs the wall-clock time, for the wait on caught-up partitions
     * @param lags  what the consumer knows of each partition's unfetched records
     * @return the number of records taken from the buffer
     */
    public int process(int max, long nowMs, PartitionLags lags) {
        int n = 0;
        try {
            while (n < max && buffered > 0 && alignment.ready(queueArray, nowMs, lags)) {
                processOne(next());
                n++;
            }
        } finally {
            // records handled before a failing one were processed (their output may be written): count them
            if (n > 0) {
                metrics.recordProcessed(n);
            }
        }
        return n;
    }

    private PartitionQueue next() {
        PartitionQueue[] qs = queueArray;
        if (qs.length == 1) {
            return qs[0];
        }
        PartitionQueue best = null;
        long bestTs = Long.MAX_VALUE;
        for (PartitionQueue q : qs) {
            StampedRecord head = q.peek();
            if (head != null && (best == null || head.timestamp < bestTs)) {
                best = q;
                bestTs = head.timestamp;
            }
        }
        return best;
    }

    private void processOne(PartitionQueue queue) {
        StampedRecord r = queue.peek();
        context.setCurrent(r);
        try {
            if (r.deserializationError != null) {
                context.onDeserializationError(r);
            } else if (r.timestamp < 0) {
                LOG.warn("Dropping input record {}-{}@{} of task {}: its extracted timestamp {} is negative",
                        r.raw.topic(), r.raw.partition(), r.raw.offset(), id, r.timestamp);
                metrics.recordDropped();
            } else {
                context.advanceStreamTime(r.timestamp);
                queue.source.process(new Record<>(r.key, r.value, r.timestamp, r.raw.headers()));
            }
        } finally {
            context.setCurrent(null);
        }
        // only a record that was fully handled counts as consumed, so a failure leaves its offset uncommitted
        queue.poll();
        buffered--;
        context.punctuateStreamTime();
    }

    /** Fires due stream-time punctuations. */
    public boolean maybePunctuateStreamTime() {
        return context.punctuateStreamTime();
    }

    /** Fires due wall-clock punctuations. */
    public boolean maybePunctuateWallClock(long now) {
        return context.punctuateWallClock(now);
    }

    /** Whether a processor asked for a commit since the last call; clears the request. */
    public boolean takeCommitRequest() {
        return context.takeCommitRequest();
    }

    public long streamTime() {
        return context.streamTime();
    }

    /**
     * Offsets consumed but not yet committed, as the next offset to read per partition, each carrying the task's
     * processor metadata (see {@link #processorMetadataFrom}).
     */
    public Map<TopicPartition, OffsetAndMetadata> uncommittedOffsets() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        String metadata = null;
        for (PartitionQueue q : queueArray) {
            long o = q.uncommittedOffset();
            if (o >= 0) {
                if (metadata == null) {
                    metadata = context.encodedProcessorMetadata();
                }
                out.put(q.partition, new OffsetAndMetadata(o, metadata));
            }
        }
        return out;
    }

    /**
     * Before {@link #initialize()}: where the task reads the offsets committed for its input partitions when a
     * processor first asks for its committed metadata (the newest of them: a partition without new records keeps an
     * older commit's). Read at most once; a failure to read is logged and leaves no metadata.
     */
    public void processorMetadataFrom(java.util.function.Supplier<Map<TopicPartition, OffsetAndMetadata>> committed) {
        context.processorMetadataFrom(() -> {
            List<String> found = new ArrayList<>();
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = committed.get();
                for (TopicPartition tp : queues.keySet()) {
                    OffsetAndMetadata om = offsets.get(tp);
                    if (om != null && om.metadata() != null && !om.metadata().isEmpty()) {
                        found.add(om.metadata());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Task {} could not read the offsets committed for its input partitions, so its processors "
                        + "start without their committed metadata (an onWindowClose aggregation may emit windows "
                        + "again that it emitted before)", id, e);
            }
            return found;
        });
    }

    /** Records that the given offsets were committed. */
    public void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, om) -> {
            PartitionQueue q = queues.get(tp);
            if (q != null) {
                q.markCommitted(om.offset());
            }
        });
    }

    /** Closes every processor; buffered records are discarded (they will be fetched again). */
    public void close() {
        if (state == TaskState.CLOSED) {
            return;
        }
        boolean wasRunning = state == TaskState.RUNNING;
        state = state.transitionTo(TaskState.CLOSED, id);
        List<RuntimeException> failures = new ArrayList<>();
        if (!wasRunning) {
            stateManager.close();
            return;
        }
        for (Node n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            stateManager.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            LOG.warn("Closing processors of task {} failed", id, first);
        }
    }
}
