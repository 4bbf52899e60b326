package dev.rill.streams.internal.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a task with several input partitions may take its next record now ({@code max.task.idle.ms}). Records are
 * taken in timestamp order across the partitions, so a partition without buffered records could still hold an
 * earlier record; the task waits for it:
 * <ul>
 * <li>while the consumer does not know the partition's lag, or knows records are waiting to be fetched;</li>
 * <li>when the partition is caught up, for up to {@code max.task.idle.ms} from the moment it was first seen empty and
 * caught up (0: not at all), after which the task processes the other partitions ("enforced processing");</li>
 * <li>never with {@code max.task.idle.ms = -1}.</li>
 * </ul>
 * Not thread-safe: owned by its task.
 */
final class InputAlignment {
    private static final Logger LOG = LoggerFactory.getLogger(InputAlignment.class);

    private final String taskId;
    private final long maxIdleMs;
    /** Per caught-up empty partition: the wall-clock time until which the task waits for it. */
    private final Map<TopicPartition, Long> idleDeadlines = new HashMap<>();
    private boolean enforcing;

    InputAlignment(String taskId, long maxIdleMs) {
        this.taskId = taskId;
        this.maxIdleMs = maxIdleMs;
    }

    /** Whether the task may process now, given its partitions' queues, the wall-clock time and the lags. */
    boolean ready(PartitionQueue[] queues, long nowMs, PartitionLags lags) {
        if (maxIdleMs < 0 || queues.length < 2) {
            return true;
        }
        boolean ready = true;
        boolean enforced = false;
        for (PartitionQueue q : queues) {
            if (q.peek() != null) {
                if (!idleDeadlines.isEmpty()) {
                    idleDeadlines.remove(q.partition);
                }
                continue;
            }
            OptionalLong lag = lags.lag(q.partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                // records may be on their way: wait for the fetch, however long
                idleDeadlines.remove(q.partition);
                ready = false;
            } else if (maxIdleMs > 0) {
                long deadline = idleDeadlines.computeIfAbsent(q.partition, p -> nowMs + maxIdleMs);
                if (nowMs < deadline) {
                    ready = false;
                } else {
                    enforced = true;
                }
            }
        }
        if (ready && enforced && !enforcing) {
            LOG.debug("Task {} processes without waiting longer for its empty partitions: max.task.idle.ms={} passed",
                    taskId, maxIdleMs);
        }
        enforcing = ready && enforced;
        return ready;
    }

    /** The earliest wall-clock time at which a wait for a caught-up partition ends, or Long.MAX_VALUE. */
    long nextDeadline() {
        long min = Long.MAX_VALUE;
        for (long d : idleDeadlines.values()) {
            min = Math.min(min, d);
        }
        return min;
    }
}
