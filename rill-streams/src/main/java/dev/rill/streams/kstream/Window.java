package dev.rill.streams.kstream;

import java.time.Instant;

/**
 * A time interval {@code [start, end)} (or closed, for session windows) that a windowed aggregation groups records
 * in; both bounds are epoch milliseconds. The kind of window decides what overlapping means.
 */
public abstract class Window {
    protected final long startMs;
    protected final long endMs;

    /**
     * @throws IllegalArgumentException if {@code startMs} is negative or {@code endMs} is before it
     */
    public Window(long startMs, long endMs) throws IllegalArgumentException {
        if (startMs < 0) {
            throw new IllegalArgumentException("Window startMs time cannot be negative.");
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException("Window endMs time cannot be smaller than window startMs time.");
        }
        this.startMs = startMs;
        this.endMs = endMs;
    }

    /** The start, epoch milliseconds. */
    public long start() {
        return startMs;
    }

    /** The end, epoch milliseconds. */
    public long end() {
        return endMs;
    }

    public Instant startTime() {
        return Instant.ofEpochMilli(startMs);
    }

    public Instant endTime() {
        return Instant.ofEpochMilli(endMs);
    }

    /**
     * Whether this window and {@code other} share a point in time.
     *
     * @throws IllegalArgumentException if {@code other} is a window of another kind
     */
    public abstract boolean overlap(Window other);

    /** The error for comparing windows of different kinds. */
    static IllegalArgumentException otherKind(Window other) {
        return new IllegalArgumentException("Cannot compare windows of different type. Other window has type "
                + other.getClass() + ".");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        Window w = (Window) o;
        return startMs == w.startMs && endMs == w.endMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startMs) * 31 + Long.hashCode(endMs);
    }

    @Override
    public String toString() {
        return "Window{startMs=" + startMs + ", endMs=" + endMs + '}';
    }
}
