package dev.rill.streams.kstream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fixed-size windows aligned to the epoch: tumbling (advance equals size, every timestamp in exactly one window) or,
 * after {@link #advanceBy}, hopping (windows overlap, a timestamp is in {@code size / advance} of them, rounded up).
 * A window {@code [start, start + size)} starts at a multiple of the advance.
 */
public final class TimeWindows extends Windows<TimeWindow> {
    /** The size of a window, milliseconds. */
    public final long sizeMs;
    /** The distance between the starts of consecutive windows, milliseconds. */
    public final long advanceMs;
    private final long graceMs;

    private TimeWindows(long sizeMs, long advanceMs, long graceMs) {
        this.sizeMs = sizeMs;
        this.advanceMs = advanceMs;
        this.graceMs = graceMs;
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("Window size (sizeMs) must be larger than zero.");
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period must not be negative.");
        }
    }

    /** Tumbling windows of {@code size} that close at their end: a record after the end of its window is dropped. */
    public static TimeWindows ofSizeWithNoGrace(Duration size) throws IllegalArgumentException {
        return ofSizeAndGrace(size, Duration.ofMillis(NO_GRACE_PERIOD));
    }

    /** Tumbling windows of {@code size} that accept late records until {@code afterWindowEnd} past their end. */
    public static TimeWindows ofSizeAndGrace(Duration size, Duration afterWindowEnd) throws IllegalArgumentException {
        long sizeMs = DurationArgument.toMillis(size, "size");
        long grace = DurationArgument.toMillis(afterWindowEnd, "afterWindowEnd");
        return new TimeWindows(sizeMs, sizeMs, grace);
    }

    /**
     * Hopping windows: the same size and grace, a new window every {@code advance}.
     *
     * @throws IllegalArgumentException unless {@code 0 < advance <= size}
     */
    public TimeWindows advanceBy(Duration advance) {
        long advance1 = DurationArgument.toMillis(advance, "advance");
        if (advance1 <= 0 || advance1 > sizeMs) {
            throw new IllegalArgumentException("Window advancement interval should be more than zero and less than"
                    + " window duration which is " + sizeMs + " ms, but given advancement interval is: " + advance1
                    + " ms");
        }
        return new TimeWindows(sizeMs, advance1, graceMs);
    }

    /**
     * The windows containing {@code timestamp}: every multiple of the advance in {@code (timestamp - size, timestamp]}
     * that is not negative, as a window start.
     */
    @Override
    public Map<Long, TimeWindow> windowsFor(long timestamp) {
        long earliest = Math.max(0, timestamp - sizeMs + advanceMs);
        Map<Long, TimeWindow> windows = new LinkedHashMap<>();
        for (long start = earliest - earliest % advanceMs; start <= timestamp; start += advanceMs) {
            windows.put(start, new TimeWindow(start, start + sizeMs));
        }
        return windows;
    }

    @Override
    public long size() {
        return sizeMs;
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeWindows w && sizeMs == w.sizeMs && advanceMs == w.advanceMs && graceMs == w.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sizeMs, advanceMs, graceMs);
    }

    @Override
    public String toString() {
        return "TimeWindows{, sizeMs=" + sizeMs + ", advanceMs=" + advanceMs + ", graceMs=" + graceMs + '}';
    }
}
