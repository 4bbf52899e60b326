package dev.rill.streams.kstream;

/**
 * A window of a hopping or tumbling {@link TimeWindows}: start inclusive, end exclusive, so it must not be empty.
 * (Kafka Streams keeps this class in an internal package; Rill's public packages may not expose internal types.)
 */
public final class TimeWindow extends Window {

    /**
     * @throws IllegalArgumentException if {@code startMs} is negative or {@code endMs} is not after it
     */
    public TimeWindow(long startMs, long endMs) {
        super(startMs, endMs);
        if (startMs == endMs) {
            throw new IllegalArgumentException("Window endMs must be greater than window startMs.");
        }
    }

    /** Whether the half-open intervals intersect. */
    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof TimeWindow)) {
            throw otherKind(other);
        }
        return startMs < other.endMs && other.startMs < endMs;
    }
}
