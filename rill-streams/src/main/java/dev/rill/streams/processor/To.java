package dev.rill.streams.processor;

import java.util.Objects;

/**
 * Where and with which timestamp {@link ProcessorContext#forward(Object, Object, To)} sends a record: to all
 * children or to the child of one name, keeping the input's timestamp unless {@link #withTimestamp(long)} sets one.
 */
public class To {
    /** The child to send to, or null for all children. */
    protected String childName;
    /** The timestamp to give the record, or -1 to keep the current one. */
    protected long timestamp;

    private To(String childName, long timestamp) {
        this.childName = childName;
        this.timestamp = timestamp;
    }

    /** A copy of {@code to}. */
    protected To(To to) {
        this(to.childName, to.timestamp);
    }

    /** Makes this equal to {@code to}. */
    protected void update(To to) {
        childName = to.childName;
        timestamp = to.timestamp;
    }

    /** Sends to the child node of the given name only. */
    public static To child(String childName) {
        return new To(childName, -1);
    }

    /** Sends to all child nodes. */
    public static To all() {
        return new To(null, -1);
    }

    /** Sets the timestamp of the record sent. */
    public To withTimestamp(long timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof To other && timestamp == other.timestamp && Objects.equals(childName, other.childName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(childName, timestamp);
    }

    @Override
    public String toString() {
        return "To{childName=" + childName + ", timestamp=" + timestamp + "}";
    }
}
