package dev.rill.connect.jdbc.internal.source;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Where a table's reading stands: the last incrementing value and/or the last timestamp (with nanosecond
 * precision) read. Stored as {@code {"incrementing": long, "timestamp": epoch ms, "timestamp_nanos": int}}.
 */
public record SourceOffset(Long incrementing, Timestamp timestamp) {
    public static final String INCREMENTING = "incrementing";
    public static final String TIMESTAMP = "timestamp";
    public static final String TIMESTAMP_NANOS = "timestamp_nanos";

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        if (incrementing != null) {
            map.put(INCREMENTING, incrementing);
        }
        if (timestamp != null) {
            map.put(TIMESTAMP, timestamp.getTime());
            map.put(TIMESTAMP_NANOS, timestamp.getNanos());
        }
        return map;
    }

    /** Reads a stored offset; null or empty gives the starting offset supplied. */
    public static SourceOffset fromMap(Map<String, Object> map, SourceOffset initial) {
        if (map == null || map.isEmpty()) {
            return initial;
        }
        try {
            Long incrementing = map.get(INCREMENTING) == null ? initial.incrementing()
                    : ((Number) map.get(INCREMENTING)).longValue();
            Timestamp timestamp = initial.timestamp();
            if (map.get(TIMESTAMP) != null) {
                timestamp = new Timestamp(((Number) map.get(TIMESTAMP)).longValue());
                if (map.get(TIMESTAMP_NANOS) != null) {
                    timestamp.setNanos(((Number) map.get(TIMESTAMP_NANOS)).intValue());
                }
            }
            return new SourceOffset(incrementing, timestamp);
        } catch (ClassCastException e) {
            throw new ConnectException("Stored source offset " + map + " is not of the form {incrementing: number,"
                    + " timestamp: number, timestamp_nanos: number}; reset the connector's offsets.", e);
        }
    }

    /** The instant one nanosecond before {@code t}: re-reads a timestamp group rather than skipping it. */
    public static Timestamp justBefore(Timestamp t) {
        Timestamp before = new Timestamp(t.getTime());
        before.setNanos(t.getNanos());
        if (before.getNanos() > 0) {
            before.setNanos(before.getNanos() - 1);
        } else {
            long seconds = Math.floorDiv(t.getTime(), 1000) - 1;
            before = new Timestamp(seconds * 1000);
            before.setNanos(999_999_999);
        }
        return before;
    }
}
