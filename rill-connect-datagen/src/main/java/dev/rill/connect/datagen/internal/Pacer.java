package dev.rill.connect.datagen.internal;

import java.util.Random;

/**
 * Decides how many records a poll may emit now and how long to wait first: a fixed rate, a random
 * interval of up to a maximum per record, or unlimited.
 */
public final class Pacer {
    private static final long MAX_BACKLOG_NANOS = 1_000_000_000L;

    private final double intervalNanos;   // > 0 for a fixed rate
    private final long maxIntervalMs;     // > 0 for random intervals
    private final Random delays = new Random();
    private long nextDueNanos;

    private Pacer(double intervalNanos, long maxIntervalMs) {
        this.intervalNanos = intervalNanos;
        this.maxIntervalMs = maxIntervalMs;
        this.nextDueNanos = System.nanoTime();
    }

    public static Pacer of(double recordsPerSecond, long maxIntervalMs) {
        return new Pacer(recordsPerSecond > 0 ? 1e9 / recordsPerSecond : 0, maxIntervalMs);
    }

    /** Nanoseconds to wait before the next record is due (0 if one is due now). */
    public long waitNanos() {
        if (intervalNanos <= 0 && maxIntervalMs <= 0) {
            return 0;
        }
        return Math.max(0, nextDueNanos - System.nanoTime());
    }

    /** How many records are due now, at most {@code max}; advances the schedule by that many. */
    public int take(int max) {
        if (intervalNanos > 0) {
            long now = System.nanoTime();
            if (now - nextDueNanos > MAX_BACKLOG_NANOS) {
                nextDueNanos = now - MAX_BACKLOG_NANOS; // after a stall, don't burst more than a second's worth
            }
            long due = (long) ((now - nextDueNanos) / intervalNanos) + 1;
            int count = (int) Math.max(0, Math.min(max, due));
            nextDueNanos += (long) (count * intervalNanos);
            return count;
        }
        if (maxIntervalMs > 0) {
            nextDueNanos = System.nanoTime() + delays.nextLong(maxIntervalMs + 1) * 1_000_000L;
            return 1;
        }
        return max;
    }
}
