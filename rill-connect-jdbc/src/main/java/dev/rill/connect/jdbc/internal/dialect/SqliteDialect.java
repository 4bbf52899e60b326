package dev.rill.connect.jdbc.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite (3.24+ for upserts). Column kinds come from the declared type name by SQLite's affinity rules,
 * since the driver reports most declared types as VARCHAR. Temporal values are stored as epoch
 * milliseconds.
 *
 * <p>A writer switches the database to WAL journal mode, so that readers in other processes (say,
 * {@code sqlite3 shop.db 'SELECT …'}) never block the writer and the writer never blocks them. Busy and
 * locked databases, and the I/O errors SQLite reports when a file lock cannot be taken or released, are
 * transient: the sink retries them.
 */
public final class SqliteDialect extends AbstractDialect {
    public static final String NAME = "SqliteDatabaseDialect";
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_PROTOCOL = 15;
    /** Extended SQLITE_IOERR codes of failed file or shared-memory locking (sqlite3.h). */
    private static final Set<SQLiteErrorCode> LOCK_IO_ERRORS = EnumSet.of(SQLiteErrorCode.SQLITE_IOERR_RDLOCK,
            SQLiteErrorCode.SQLITE_IOERR_LOCK, SQLiteErrorCode.SQLITE_IOERR_UNLOCK,
            SQLiteErrorCode.SQLITE_IOERR_CHECKRESERVEDLOCK, SQLiteErrorCode.SQLITE_IOERR_SHMLOCK,
            SQLiteErrorCode.SQLITE_IOERR_SHMOPEN, SQLiteErrorCode.SQLITE_IOERR_SHMMAP,
            SQLiteErrorCode.SQLITE_IOERR_SHMSIZE);
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDialect.class);

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

    /**
     * Switches the database to WAL journal mode (a setting stored in the file, so this is a no-op after the
     * first time). An in-memory database keeps its own mode, which is logged.
     */
    @Override
    public void prepareForWriting(Connection connection) throws SQLException {
        if ("wal".equalsIgnoreCase(pragma(connection, "PRAGMA journal_mode"))) {
            return; // the usual case: switching needs a moment of exclusive access, so only the first time
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true); // the journal mode cannot change inside a transaction
        try {
            String mode = pragma(connection, "PRAGMA journal_mode=WAL");
            if (!"wal".equalsIgnoreCase(mode)) {
                LOG.info("SQLite kept journal mode {} instead of WAL (an in-memory or read-only database);"
                        + " readers may then block the sink", mode);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String pragma(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : "unknown";
        }
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

    /**
     * Busy or locked, a WAL locking protocol error, or an I/O error while taking or releasing a lock: another
     * connection holds the database for a moment. Other I/O errors (disk full, a read error) are not retried.
     */
    @Override
    public boolean isTransient(SQLException error) {
        for (Throwable cause = error; cause != null; cause = next(cause)) {
            if (cause instanceof SQLiteException sqlite) {
                int code = sqlite.getResultCode().code & 0xFF;
                if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_PROTOCOL
                        || LOCK_IO_ERRORS.contains(sqlite.getResultCode())) {
                    return true;
                }
            } else if (cause instanceof SQLException sql) {
                int code = sql.getErrorCode() & 0xFF; // extended result codes keep the primary code in the low byte
                if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_PROTOCOL
                        || mentionsLockIoError(sql.getMessage())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The driver wraps a batch's failure in a BatchUpdateException whose message names the SQLite code. */
    private static boolean mentionsLockIoError(String message) {
        if (message == null) {
            return false;
        }
        for (SQLiteErrorCode code : LOCK_IO_ERRORS) {
            if (message.contains(code.name())) {
                return true;
            }
        }
        return message.contains("database is locked") || message.contains("database table is locked");
    }

    private static Throwable next(Throwable error) {
        if (error instanceof SQLException sql && sql.getNextException() != null) {
            return sql.getNextException();
        }
        return error.getCause() == error ? null : error.getCause();
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
