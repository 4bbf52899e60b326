package dev.rill.connect.jdbc.internal.source;

import java.util.Locale;

/** How the source finds new rows. */
public enum SourceMode {
    /** The whole table (or query result) on every poll. */
    BULK("bulk"),
    /** Rows whose strictly increasing column is above the last one seen: new rows only. */
    INCREMENTING("incrementing"),
    /** Rows whose timestamp column is after the last one seen: new and updated rows. */
    TIMESTAMP("timestamp"),
    /** Timestamp, with the incrementing column ordering rows of equal timestamp: exact resumption. */
    TIMESTAMP_INCREMENTING("timestamp+incrementing");

    private final String configValue;

    SourceMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public boolean usesTimestamp() {
        return this == TIMESTAMP || this == TIMESTAMP_INCREMENTING;
    }

    public boolean usesIncrementing() {
        return this == INCREMENTING || this == TIMESTAMP_INCREMENTING;
    }

    public static SourceMode parse(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        for (SourceMode mode : values()) {
            if (mode.configValue.equals(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode " + value);
    }
}
