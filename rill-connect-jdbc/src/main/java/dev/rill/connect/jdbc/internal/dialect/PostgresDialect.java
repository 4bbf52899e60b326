package dev.rill.connect.jdbc.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.kafka.connect.data.Schema;

/** PostgreSQL: upserts with ON CONFLICT, transactional DDL, SQLSTATE-based retry decisions. */
public final class PostgresDialect extends AbstractDialect {
    public static final String NAME = "PostgreSqlDatabaseDialect";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Connects with {@code reWriteBatchedInserts=true} unless the URL or properties choose otherwise: the
     * driver then sends a batch as multi-row INSERTs, two to three times faster. Safe for upserts because
     * the sink never puts the same key twice into one batch.
     */
    @Override
    public Connection connect(String url, Properties properties) throws SQLException {
        Properties effective = new Properties();
        effective.putAll(properties);
        if (!url.contains("reWriteBatchedInserts") && !effective.containsKey("reWriteBatchedInserts")) {
            effective.setProperty("reWriteBatchedInserts", "true");
        }
        Connection connection = new org.postgresql.Driver().connect(url, effective);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver does not accept the URL " + url);
        }
        return connection;
    }

    @Override
    protected String primitiveSqlType(Schema schema) {
        return switch (schema.type()) {
            case INT8, INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> "TEXT";
            case BYTES -> "BYTEA";
            default -> throw unsupported(schema);
        };
    }

    /**
     * Connection problems (class 08), serialization failures and deadlocks (40001, 40P01), insufficient
     * resources (53), operator intervention such as a restarting server (57P01–57P03) and lock timeouts
     * (55P03) are transient; data and constraint errors are not.
     */
    @Override
    public boolean isTransient(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("53") || state.equals("40001")
                        || state.equals("40P01") || state.equals("55P03") || state.startsWith("57P"))) {
                    return true;
                }
                if (sql.getNextException() != null && sql.getNextException() != sql
                        && isTransient(sql.getNextException())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SQLSTATE class 22 (data exception) and 23 (integrity constraint violation). */
    @Override
    public boolean isRecordError(SQLException error) {
        for (SQLException e = error; e != null; e = e.getNextException() == e ? null : e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
