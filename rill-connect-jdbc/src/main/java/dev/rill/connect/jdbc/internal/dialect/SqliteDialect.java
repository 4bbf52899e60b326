package dev.rill.connect.jdbc.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * SQLite (3.24+ for upserts). Column kinds come from the declared type name by SQLite's affinity rules,
 * since the driver reports most declared types as VARCHAR. Temporal values are stored as epoch
 * milliseconds; busy and locked databases are transient errors.
 */
public final class SqliteDialect extends AbstractDialect {
    public static final String NAME = "SqliteDatabaseDialect";
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Connection connect(String url, Properties properties) throws SQLException {
        Connection connection = new org.sqlite.JDBC().connect(url, properties);
        if (connection == null) {
            throw new SQLException("The SQLite driver does not accept the URL " + url);
        }
        return connection;
    }

    @Override
    protected String primitiveSqlType(Schema schema) {
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> "INTEGER";
            case FLOAT32, FLOAT64 -> "REAL";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> "TEXT";
            case BYTES -> "BLOB";
            default -> throw unsupported(schema);
        };
    }

    @Override
    protected ColumnKind kindOf(int jdbcType, String typeName) {
        String type = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        if (type.contains("BOOL")) {
            return ColumnKind.BOOLEAN;
        }
        if (type.contains("DATETIME") || type.contains("TIMESTAMP")) {
            return ColumnKind.TIMESTAMP;
        }
        if (type.contains("DATE")) {
            return ColumnKind.DATE;
        }
        if (type.contains("TIME")) {
            return ColumnKind.TIME;
        }
        if (type.contains("INT")) {
            return ColumnKind.INTEGER;
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            return ColumnKind.TEXT;
        }
        if (type.contains("BLOB")) {
            return ColumnKind.BINARY;
        }
        if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") || type.contains("NUM")
                || type.contains("DEC")) {
            return ColumnKind.DECIMAL;
        }
        return ColumnKind.OTHER;
    }

    /** SQLITE_TOOBIG, SQLITE_CONSTRAINT and SQLITE_MISMATCH: the row, not the database, is the problem. */
    @Override
    public boolean isRecordError(SQLException error) {
        int code = error.getErrorCode() & 0xFF;
        return code == 18 || code == 19 || code == 20;
    }

    @Override
    public boolean isTransient(SQLException error) {
        int code = error.getErrorCode() & 0xFF; // extended result codes keep the primary code in the low byte
        return code == SQLITE_BUSY || code == SQLITE_LOCKED;
    }

    /** SQLite's CURRENT_TIMESTAMP is text; the JVM clock is the database's clock for an embedded file. */
    @Override
    public java.sql.Timestamp currentTimestamp(Connection connection) {
        return new java.sql.Timestamp(System.currentTimeMillis());
    }

    /** SQLite values are INTEGER (64-bit), REAL, TEXT or BLOB whatever the declared type says. */
    @Override
    public Schema sourceSchema(java.sql.ResultSetMetaData metadata, int column) throws SQLException {
        ColumnKind kind = kindOf(metadata.getColumnType(column), metadata.getColumnTypeName(column));
        return switch (kind) {
            case INTEGER -> Schema.OPTIONAL_INT64_SCHEMA;
            case DECIMAL -> Schema.OPTIONAL_FLOAT64_SCHEMA;
            case BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case BINARY -> Schema.OPTIONAL_BYTES_SCHEMA;
            case DATE, TIMESTAMP -> Timestamp.builder().optional().build();
            case TIME -> Time.builder().optional().build();
            default -> Schema.OPTIONAL_STRING_SCHEMA;
        };
    }
}
