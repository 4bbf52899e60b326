package dev.rill.streams.internal.kstream;

import dev.rill.streams.processor.TaskId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time both sides of one stream-stream join share within a task: the largest timestamp either side has seen
 * (records with null keys or values included), the smallest timestamp waiting in the outer-join store, and the wall
 * clock time before which the store is not scanned again for closed windows.
 */
final class JoinTimeTracker {
    /** The default of {@link #EMIT_INTERVAL_CONFIG}: at most one scan for closed windows per second of wall time. */
    static final long DEFAULT_EMIT_INTERVAL_MS = 1000L;
    /**
     * Kafka Streams' internal setting for how often (wall clock, ms) left/outer joins look for closed windows; honoured
     * under the same name so that tests setting it behave the same on both.
     */
    static final String EMIT_INTERVAL_CONFIG = "__emit.interval.ms.kstreams.outer.join.spurious.results.fix__";

    long streamTime = -1;
    long minTime = Long.MAX_VALUE;
    long nextTimeToEmit;
    long emitIntervalMs = DEFAULT_EMIT_INTERVAL_MS;

    void advanceStreamTime(long timestamp) {
        streamTime = Math.max(streamTime, timestamp);
    }

    void updateMinTime(long timestamp) {
        minTime = Math.min(minTime, timestamp);
    }

    /** One tracker per task, shared by the processors of both sides of one join. */
    static final class PerTask {
        private final Map<TaskId, JoinTimeTracker> trackers = new ConcurrentHashMap<>();

        JoinTimeTracker get(TaskId task) {
            return trackers.computeIfAbsent(task, t -> new JoinTimeTracker());
        }

        void remove(TaskId task) {
            trackers.remove(task);
        }
    }

    static long emitInterval(Map<String, Object> configs) {
        Object value = configs.get(EMIT_INTERVAL_CONFIG);
        if (value == null) {
            return DEFAULT_EMIT_INTERVAL_MS;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new dev.rill.streams.errors.StreamsException(EMIT_INTERVAL_CONFIG + " must be a number of "
                    + "milliseconds, but was '" + value + "'. Remove it (default " + DEFAULT_EMIT_INTERVAL_MS
                    + ") or set a number.", e);
        }
    }
}
