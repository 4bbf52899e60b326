package dev.rill.streams.state;

import java.util.Objects;

/** A value with its timestamp. */
public final class ValueAndTimestamp<V> {
    private final V value;
    private final long timestamp;

    private ValueAndTimestamp(V value, long timestamp) {
        this.value = value;
        this.timestamp = timestamp;
    }

    /** A pair, or null if the value is null. */
    public static <V> ValueAndTimestamp<V> make(V value, long timestamp) {
        return value == null ? null : new ValueAndTimestamp<>(value, timestamp);
    }

    /**
     * A pair even when the value is null, for the places where a null value is information (a deletion with its
     * time); {@link #make} returns null for a null value instead.
     */
    public static <V> ValueAndTimestamp<V> makeAllowNullable(V value, long timestamp) {
        return new ValueAndTimestamp<>(value, timestamp);
    }

    /** The value of a possibly null pair. */
    public static <V> V getValueOrNull(ValueAndTimestamp<V> vt) {
        return vt == null ? null : vt.value;
    }

    public V value() {
        return value;
    }

    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueAndTimestamp<?> other && timestamp == other.timestamp
                && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, timestamp);
    }

    @Override
    public String toString() {
        return "<" + value + "," + timestamp + ">";
    }
}
