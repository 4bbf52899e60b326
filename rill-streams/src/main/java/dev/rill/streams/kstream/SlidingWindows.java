package dev.rill.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Windows defined by the records themselves: two records fall into a common window when their timestamps differ
 * by at most the time difference. Windows are {@code [start, start + timeDifference]}, both ends inclusive, and are
 * created only where records are, not aligned to the epoch.
 */
public final class SlidingWindows {
    private final long timeDifferenceMs;
    private final long graceMs;

    private SlidingWindows(long timeDifferenceMs, long graceMs) {
        if (timeDifferenceMs < 0) {
            throw new IllegalArgumentException("Window time difference must not be negative.");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Window grace period must not be negative.");
        }
        this.timeDifferenceMs = timeDifferenceMs;
        this.graceMs = graceMs;
    }

    /** Sliding windows of {@code timeDifference} that close at their end. */
    public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) throws IllegalArgumentException {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /** Sliding windows of {@code timeDifference} that accept late records until {@code afterWindowEnd} past their end. */
    public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd)
            throws IllegalArgumentException {
        long difference = DurationArgument.toMillis(timeDifference, "timeDifference");
        long grace = DurationArgument.toMillis(afterWindowEnd, "afterWindowEnd");
        return new SlidingWindows(difference, grace);
    }

    public long timeDifferenceMs() {
        return timeDifferenceMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlidingWindows w && timeDifferenceMs == w.timeDifferenceMs && graceMs == w.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeDifferenceMs, graceMs);
    }

    @Override
    public String toString() {
        return "SlidingWindows{, sizeMs=" + timeDifferenceMs + ", graceMs=" + graceMs + '}';
    }
}
