package dev.rill.connect.jdbc.internal.sink;

import dev.rill.connect.jdbc.internal.dialect.DatabaseDialect;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects rows of the same shape (table, operation, columns) and sends them as one JDBC batch when the
 * shape changes or {@code batch.size} rows are pending. Within an upsert or update batch only the last row
 * per key is sent: it is the one that decides the outcome, and it lets drivers that rewrite a batch into
 * one multi-row statement do so safely. Order across keys and operations is kept, because a change of
 * operation (say, a delete after an upsert) always flushes first.
 */
public final class BatchWriter implements AutoCloseable {
    private final DatabaseDialect dialect;
    private final InsertMode mode;
    private final int batchSize;
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<Object, SinkRow> pending = new LinkedHashMap<>();
    private String pendingShape;
    private long sequence;

    public BatchWriter(DatabaseDialect dialect, InsertMode mode, int batchSize, Connection connection) {
        this.dialect = dialect;
        this.mode = mode;
        this.batchSize = batchSize;
        this.connection = connection;
    }

    public void add(SinkRow row) throws SQLException {
        String shape = row.shape();
        if (pendingShape != null && !pendingShape.equals(shape)) {
            flush();
        }
        pendingShape = shape;
        Object key = deduplicates(row) ? keyOf(row) : Long.valueOf(sequence++);
        pending.remove(key); // re-insert so the row takes its latest position
        pending.put(key, row);
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    private boolean deduplicates(SinkRow row) {
        return !row.keys().isEmpty() && (row.delete() || mode != InsertMode.INSERT);
    }

    private static Object keyOf(SinkRow row) {
        List<Object> key = new ArrayList<>(row.keys().size());
        for (Column column : row.keys()) {
            Object value = column.value();
            key.add(value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value);
        }
        return key;
    }

    /** Sends the pending rows (without committing). */
    public void flush() throws SQLException {
        if (pending.isEmpty()) {
            pendingShape = null;
            return;
        }
        SinkRow first = pending.values().iterator().next();
        PreparedStatement statement = statement(first);
        for (SinkRow row : pending.values()) {
            bind(statement, row);
            statement.addBatch();
        }
        pending.clear();
        pendingShape = null;
        statement.executeBatch();
    }

    private PreparedStatement statement(SinkRow row) throws SQLException {
        List<String> keys = row.keys().stream().map(Column::name).toList();
        List<String> values = row.values().stream().map(Column::name).toList();
        String sql;
        if (row.delete()) {
            sql = dialect.delete(row.table(), keys);
        } else if (mode == InsertMode.UPSERT) {
            sql = dialect.upsert(row.table(), keys, values);
        } else if (mode == InsertMode.UPDATE && !values.isEmpty()) {
            sql = dialect.update(row.table(), keys, values);
        } else if (mode == InsertMode.UPDATE) {
            sql = null; // nothing to update besides the key
        } else {
            sql = dialect.insert(row.table(), keys, values);
        }
        if (sql == null) {
            throw new RecordDoesNotFitException("Record " + SinkRow.coordinates(row.record()) + " has no value"
                    + " columns besides its key, so insert.mode=update has nothing to set.");
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    private void bind(PreparedStatement statement, SinkRow row) throws SQLException {
        int index = 1;
        if (row.delete()) {
            for (Column key : row.keys()) {
                dialect.bind(statement, index++, key.schema(), key.value());
            }
            return;
        }
        List<Column> first = mode == InsertMode.UPDATE ? row.values() : row.keys();
        List<Column> second = mode == InsertMode.UPDATE ? row.keys() : row.values();
        for (Column column : first) {
            bindColumn(statement, index++, column);
        }
        for (Column column : second) {
            bindColumn(statement, index++, column);
        }
    }

    private void bindColumn(PreparedStatement statement, int index, Column column) throws SQLException {
        if (column.schema() == null) {
            statement.setNull(index, java.sql.Types.NULL);
        } else {
            dialect.bind(statement, index, column.schema(), column.value());
        }
    }

    /** Drops pending rows (after a failure) without sending them. */
    public void discard() {
        pending.clear();
        pendingShape = null;
    }

    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing a statement of a connection that is going away
            }
        }
        statements.clear();
    }
}
