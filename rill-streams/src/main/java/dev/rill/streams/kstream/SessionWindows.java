package dev.rill.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Windows of activity per key: a session grows while records keep arriving within the inactivity gap of each other,
 * and two sessions merge when a record bridges them. A session's window is {@code [first record, last record]}.
 */
public final class SessionWindows {
    private final long gapMs;
    private final long graceMs;

    private SessionWindows(long gapMs, long graceMs) {
        if (gapMs < 0) {
            throw new IllegalArgumentException("Gap time cannot be negative.");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period cannot be negative.");
        }
        this.gapMs = gapMs;
        this.graceMs = graceMs;
    }

    /** Sessions closed by {@code inactivityGap} without records, that accept no late records after they end. */
    public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
        return ofInactivityGapAndGrace(inactivityGap, Duration.ZERO);
    }

    /** Sessions closed by {@code inactivityGap}, accepting late records until {@code afterWindowEnd} past their end. */
    public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration afterWindowEnd) {
        long gap = DurationArgument.toMillis(inactivityGap, "inactivityGap");
        long grace = DurationArgument.toMillis(afterWindowEnd, "afterWindowEnd");
        return new SessionWindows(gap, grace);
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    /** The inactivity gap, milliseconds. */
    public long inactivityGap() {
        return gapMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionWindows w && gapMs == w.gapMs && graceMs == w.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gapMs, graceMs);
    }

    @Override
    public String toString() {
        return "SessionWindows{gapMs=" + gapMs + ", graceMs=" + graceMs + '}';
    }
}
