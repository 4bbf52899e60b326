package dev.rill.streams.kstream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The time bounds of a stream-stream join: a record at time {@code t} joins the other stream's records with
 * timestamps in {@code [t - before, t + after]}. Either bound may be negative as long as the interval is not empty.
 */
public class JoinWindows extends Windows<Window> {
    /** How far before a record's timestamp the other stream's records join it, milliseconds. */
    public final long beforeMs;
    /** How far after a record's timestamp the other stream's records join it, milliseconds. */
    public final long afterMs;
    private final long graceMs;
    /**
     * Whether outer-join results wait for the window to close (the non-deprecated factories) rather than being
     * emitted at once and perhaps followed by a joined result (the deprecated {@link #of}); {@link #grace} is only
     * for the latter.
     */
    protected final boolean enableSpuriousResultFix;

    private JoinWindows(long beforeMs, long afterMs, long graceMs, boolean enableSpuriousResultFix) {
        if (beforeMs + afterMs < 0) {
            throw new IllegalArgumentException("Window interval (ie, beforeMs+afterMs) must not be negative.");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period must not be negative.");
        }
        this.beforeMs = beforeMs;
        this.afterMs = afterMs;
        this.graceMs = graceMs;
        this.enableSpuriousResultFix = enableSpuriousResultFix;
    }

    /** A copy, for subclasses. */
    protected JoinWindows(JoinWindows windows) {
        this(windows.beforeMs, windows.afterMs, windows.graceMs, windows.enableSpuriousResultFix);
    }

    /** Records join when their timestamps differ by at most {@code timeDifference}; late records until the grace. */
    public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        long difference = DurationArgument.toMillis(timeDifference, "timeDifference");
        long grace = DurationArgument.toMillis(afterWindowEnd, "afterWindowEnd");
        return new JoinWindows(difference, difference, grace, true);
    }

    /** Records join when their timestamps differ by at most {@code timeDifference}; no late records. */
    public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ofMillis(NO_GRACE_PERIOD));
    }

    /**
     * Records join when their timestamps differ by at most {@code timeDifference}, with a grace period of 24 hours
     * less the window size (at least 0), and outer-join results emitted eagerly.
     *
     * @deprecated as in Kafka Streams: use {@link #ofTimeDifferenceWithNoGrace} or {@link #ofTimeDifferenceAndGrace}
     */
    @Deprecated
    public static JoinWindows of(Duration timeDifference) throws IllegalArgumentException {
        long difference = DurationArgument.toMillis(timeDifference, "timeDifference");
        return new JoinWindows(difference, difference,
                Math.max(DEPRECATED_DEFAULT_24_HR_GRACE_PERIOD - difference * 2, 0), false);
    }

    /** The same window with the lower bound set: records up to {@code timeDifference} earlier join. */
    public JoinWindows before(Duration timeDifference) throws IllegalArgumentException {
        long before = DurationArgument.toMillis(timeDifference, "timeDifference");
        return new JoinWindows(before, afterMs, graceMs, enableSpuriousResultFix);
    }

    /** The same window with the upper bound set: records up to {@code timeDifference} later join. */
    public JoinWindows after(Duration timeDifference) throws IllegalArgumentException {
        long after = DurationArgument.toMillis(timeDifference, "timeDifference");
        return new JoinWindows(beforeMs, after, graceMs, enableSpuriousResultFix);
    }

    /**
     * Not supported: join windows are relative to each record, not a division of time.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Map<Long, Window> windowsFor(long timestamp) {
        throw new UnsupportedOperationException("windowsFor() is not supported by JoinWindows.");
    }

    /** The length of the join interval, {@code before + after}, milliseconds. */
    @Override
    public long size() {
        return beforeMs + afterMs;
    }

    /**
     * Sets the grace period of a window made by the deprecated {@link #of}.
     *
     * @throws IllegalStateException if the window came from a factory that already set the grace period
     * @deprecated as in Kafka Streams: use {@link #ofTimeDifferenceAndGrace}
     */
    @Deprecated
    public JoinWindows grace(Duration afterWindowEnd) throws IllegalArgumentException {
        if (enableSpuriousResultFix) {
            throw new IllegalStateException("Cannot call grace() after setting grace value via"
                    + " ofTimeDifferenceAndGrace or ofTimeDifferenceWithNoGrace.");
        }
        long grace = DurationArgument.toMillis(afterWindowEnd, "afterWindowEnd");
        return new JoinWindows(beforeMs, afterMs, grace, false);
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    /** Equal bounds and grace period; how outer-join results are emitted is not compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof JoinWindows w && beforeMs == w.beforeMs && afterMs == w.afterMs && graceMs == w.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(beforeMs, afterMs, graceMs);
    }

    @Override
    public String toString() {
        return "JoinWindows{beforeMs=" + beforeMs + ", afterMs=" + afterMs + ", graceMs=" + graceMs + '}';
    }
}
