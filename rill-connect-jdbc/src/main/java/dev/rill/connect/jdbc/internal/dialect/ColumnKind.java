package dev.rill.connect.jdbc.internal.dialect;

import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Coarse kinds of SQL columns and Connect values, used to tell before writing whether a record field fits
 * a column. {@link #OTHER} (database-specific types such as PostgreSQL's json or uuid) accepts anything and
 * leaves the decision to the database.
 */
public enum ColumnKind {
    INTEGER, DECIMAL, TEXT, BOOLEAN, BINARY, DATE, TIME, TIMESTAMP, OTHER;

    /** The kind of value a Connect schema carries; {@code null} for structs, maps and arrays. */
    public static ColumnKind of(Schema schema) {
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME:
                    return DECIMAL;
                case Date.LOGICAL_NAME:
                    return DATE;
                case Time.LOGICAL_NAME:
                    return TIME;
                case Timestamp.LOGICAL_NAME:
                    return TIMESTAMP;
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> INTEGER;
            case FLOAT32, FLOAT64 -> DECIMAL;
            case BOOLEAN -> BOOLEAN;
            case STRING -> TEXT;
            case BYTES -> BINARY;
            default -> null;
        };
    }

    /** Whether a value of this kind can be written into a column of kind {@code column} without loss. */
    public boolean fits(ColumnKind column) {
        return column == OTHER || column == this || accepted().contains(column);
    }

    private Set<ColumnKind> accepted() {
        return switch (this) {
            case INTEGER -> Set.of(DECIMAL);
            case BOOLEAN -> Set.of(INTEGER);
            case DATE, TIME -> Set.of(TIMESTAMP);
            default -> Set.of();
        };
    }
}
