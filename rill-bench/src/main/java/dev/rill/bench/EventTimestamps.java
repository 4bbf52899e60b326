package dev.rill.bench;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Event timestamps for {@code count} records spread evenly over a span of time (a day, an hour), each moved by a
 * deterministic jitter of at most {@code maxJitter} either way, so records arrive slightly out of order as real event
 * times do.
 *
 * <p>Record {@code i} gets {@code start + i * span / count + jitter(i)}; the same arguments always give the same
 * timestamps, so a scenario computes its expected output from them without keeping the records. Within one topic
 * partition (a subsequence of the records) a timestamp is never more than {@code 2 * maxJitter} below the largest
 * one before it.
 */
public final class EventTimestamps implements LongUnaryOperator {

    /** One day in milliseconds. */
    public static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final long start;
    private final long spanMs;
    private final long count;
    private final long maxJitterMs;
    private final long seed;

    /**
     * @param start     the first record's timestamp before jitter (epoch millis)
     * @param count     how many records share the span
     * @param span      the time the records' timestamps cover
     * @param maxJitter the largest shift of a timestamp either way (zero for none)
     * @param seed      chooses the jitter
     */
    public EventTimestamps(long start, long count, Duration span, Duration maxJitter, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("needs at least one record, was " + count);
        }
        if (span.toMillis() < 1) {
            throw new IllegalArgumentException("the span must be at least a millisecond, was " + span);
        }
        if (maxJitter.isNegative()) {
            throw new IllegalArgumentException("the jitter cannot be negative, was " + maxJitter);
        }
        this.start = start;
        this.spanMs = span.toMillis();
        this.count = count;
        this.maxJitterMs = maxJitter.toMillis();
        this.seed = seed;
    }

    /** The start of the UTC day before the one {@code nowMs} falls in: a whole day in the past, within broker retention. */
    public static long startOfYesterday(long nowMs) {
        return Math.floorDiv(nowMs, DAY_MS) * DAY_MS - DAY_MS;
    }

    /** Record {@code index}'s timestamp. */
    @Override
    public long applyAsLong(long index) {
        long base = start + index * spanMs / count;
        if (maxJitterMs == 0) {
            return base;
        }
        long span = 2 * maxJitterMs + 1;
        return base + Math.floorMod(mix(seed ^ index * 0x9E3779B97F4A7C15L), span) - maxJitterMs;
    }

    /** The largest shift of a timestamp either way, in milliseconds. */
    public long maxJitterMs() {
        return maxJitterMs;
    }

    private static long mix(long z) {
        // SplitMix64's finaliser: consecutive indexes get unrelated jitters
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
