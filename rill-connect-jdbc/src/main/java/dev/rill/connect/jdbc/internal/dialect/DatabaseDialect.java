package dev.rill.connect.jdbc.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.connect.data.Schema;

/**
 * Everything that differs between databases: connecting, SQL types, the statements the sink and source
 * issue, table metadata and which errors are worth retrying.
 *
 * <p>A new database (MySQL/MariaDB, Oracle, SQL Server …) is a new implementation, usually extending
 * {@link AbstractDialect}, registered in {@link Dialects}. Statements bind their parameters in a fixed
 * order: insert and upsert = key columns then value columns; update = value columns then key columns;
 * delete = key columns.
 */
public interface DatabaseDialect {
    /** The name users give in {@code dialect.name}, e.g. {@code PostgreSqlDatabaseDialect}. */
    String name();

    /** Opens a connection with the dialect's own driver (no reliance on DriverManager's class loader). */
    Connection connect(String url, Properties properties) throws SQLException;

    /**
     * Readies a connection the sink writes through, once after opening it; the default does nothing. SQLite
     * switches to WAL journal mode here, so readers do not block the writer.
     */
    default void prepareForWriting(Connection connection) throws SQLException {
    }

    String quote(String identifier);

    String qualified(TableId table);

    /** The SQL column type for values of this Connect schema; throws for types the dialect cannot store. */
    String sqlType(Schema schema);

    String insert(TableId table, List<String> keyColumns, List<String> valueColumns);

    String upsert(TableId table, List<String> keyColumns, List<String> valueColumns);

    String update(TableId table, List<String> keyColumns, List<String> valueColumns);

    String delete(TableId table, List<String> keyColumns);

    String createTable(TableId table, List<ColumnSpec> columns, List<String> primaryKey);

    /** Statements that add the columns to an existing table (one or several, as the database allows). */
    List<String> addColumns(TableId table, List<ColumnSpec> columns);

    /** The table's columns and key, or empty if it does not exist. */
    Optional<TableDefinition> describe(Connection connection, TableId table) throws SQLException;

    /** Binds a value of the given Connect schema (null allowed) at a 1-based parameter index. */
    void bind(PreparedStatement statement, int index, Schema schema, Object value) throws SQLException;

    /** Whether the error is transient (connection lost, deadlock, lock timeout…) so a retry may succeed. */
    boolean isTransient(SQLException error);

    /** The Connect schema for a column of a source query's result (always optional). */
    Schema sourceSchema(java.sql.ResultSetMetaData metadata, int column) throws SQLException;

    /** Reads a column of the current row as a value of {@link #sourceSchema}'s schema. */
    Object read(java.sql.ResultSet resultSet, int column, Schema schema) throws SQLException;

    /**
     * Whether the database rejected a row for its content (a constraint, a value too long or out of range),
     * so that writing the other records of the batch may still succeed.
     */
    boolean isRecordError(SQLException error);

    /** The database's current time, the upper bound of timestamp-mode source queries. */
    java.sql.Timestamp currentTimestamp(Connection connection) throws SQLException;
}
