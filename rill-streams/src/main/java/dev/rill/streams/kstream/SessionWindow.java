package dev.rill.streams.kstream;

/**
 * A window of a session: from its first to its last record, both inclusive, so a session of one record has start
 * equal to end. (Kafka Streams keeps this class in an internal package; Rill's public packages may not expose
 * internal types.)
 */
public final class SessionWindow extends Window {

    /**
     * @throws IllegalArgumentException if {@code startMs} is negative or {@code endMs} is before it
     */
    public SessionWindow(long startMs, long endMs) {
        super(startMs, endMs);
    }

    /** Whether the closed intervals intersect (touching ends count). */
    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof SessionWindow)) {
            throw otherKind(other);
        }
        return other.startMs <= endMs && startMs <= other.endMs;
    }
}
