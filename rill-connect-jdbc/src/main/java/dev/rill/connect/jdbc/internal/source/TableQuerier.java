package dev.rill.connect.jdbc.internal.source;

import dev.rill.connect.jdbc.internal.dialect.DatabaseDialect;
import dev.rill.connect.jdbc.internal.dialect.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads one table (or the custom query) according to the mode, remembering the offset of the last row it
 * returned. Rows are ordered by the offset columns, so the stored offset of a record is exactly "everything
 * up to here": a restart from it neither skips nor repeats rows (in timestamp-only mode rows sharing a
 * timestamp with the restart point may be read again, never skipped).
 */
public final class TableQuerier {
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private final DatabaseDialect dialect;
    private final JdbcSourceConfig config;
    private final String name;
    private final String topic;
    private final Map<String, String> partition;
    private final String from;
    private final String sql;
    private SourceOffset offset;
    private long nextPollAt;
    private Schema schema;
    private String schemaSignature;

    private TableQuerier(DatabaseDialect dialect, JdbcSourceConfig config, String name, String topic,
                         Map<String, String> partition, String from) {
        this.dialect = dialect;
        this.config = config;
        this.name = name;
        this.topic = topic;
        this.partition = partition;
        this.from = from;
        this.sql = buildSql();
    }

    public static TableQuerier forTable(DatabaseDialect dialect, JdbcSourceConfig config, String table) {
        return new TableQuerier(dialect, config, table, config.topicPrefix() + table, Map.of("table", table),
                dialect.qualified(TableId.parse(table)));
    }

    public static TableQuerier forQuery(DatabaseDialect dialect, JdbcSourceConfig config) {
        return new TableQuerier(dialect, config, "query", config.topicPrefix(), Map.of("query", "query"),
                "(" + config.query() + ") rill_query");
    }

    public Map<String, String> partition() {
        return partition;
    }

    public String name() {
        return name;
    }

    public long nextPollAt() {
        return nextPollAt;
    }

    /** Sets where reading starts: the stored offset, or the configured initial position. */
    public void resumeFrom(Map<String, Object> stored, Timestamp databaseNow) {
        Timestamp initialTs = config.timestampInitial() == -1 ? databaseNow : new Timestamp(config.timestampInitial());
        offset = SourceOffset.fromMap(stored, new SourceOffset(Long.MIN_VALUE, initialTs));
    }

    public SourceOffset offset() {
        return offset;
    }

    private String buildSql() {
        String inc = dialect.quote(config.incrementingColumn());
        String ts = dialect.quote(config.timestampColumn());
        String select = "SELECT * FROM " + from;
        return switch (config.mode()) {
            case BULK -> select;
            case INCREMENTING -> select + " WHERE " + inc + " > ? ORDER BY " + inc + " ASC";
            case TIMESTAMP -> select + " WHERE " + ts + " > ? AND " + ts + " < ? ORDER BY " + ts + " ASC";
            case TIMESTAMP_INCREMENTING -> select + " WHERE " + ts + " < ? AND ((" + ts + " = ? AND " + inc
                    + " > ?) OR " + ts + " > ?) ORDER BY " + ts + " ASC, " + inc + " ASC";
        };
    }

    /** Runs the query once and returns its records; schedules the next run. */
    public List<SourceRecord> poll(Connection connection) throws SQLException {
        SourceMode mode = config.mode();
        Timestamp upper = null;
        if (mode.usesTimestamp()) {
            Timestamp now = dialect.currentTimestamp(connection);
            upper = new Timestamp(now.getTime() - config.timestampDelayMs());
            if (config.timestampDelayMs() == 0) {
                upper.setNanos(now.getNanos());
            }
        }
        // bulk and timestamp-only read everything up to the bound, so a timestamp group is never cut
        boolean limited = mode == SourceMode.INCREMENTING || mode == SourceMode.TIMESTAMP_INCREMENTING;
        List<SourceRecord> records = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (limited) {
                statement.setMaxRows(config.batchMaxRows());
            }
            bindOffset(statement, upper);
            try (ResultSet rs = statement.executeQuery()) {
                readRows(rs, records);
            }
        }
        boolean maybeMore = limited && records.size() >= config.batchMaxRows();
        nextPollAt = maybeMore ? System.currentTimeMillis() : System.currentTimeMillis() + config.pollIntervalMs();
        return records;
    }

    private void bindOffset(PreparedStatement statement, Timestamp upper) throws SQLException {
        switch (config.mode()) {
            case BULK -> {
            }
            case INCREMENTING -> statement.setLong(1, offset.incrementing());
            case TIMESTAMP -> {
                statement.setTimestamp(1, offset.timestamp(), UTC);
                statement.setTimestamp(2, upper, UTC);
            }
            case TIMESTAMP_INCREMENTING -> {
                statement.setTimestamp(1, upper, UTC);
                statement.setTimestamp(2, offset.timestamp(), UTC);
                statement.setLong(3, offset.incrementing());
                statement.setTimestamp(4, offset.timestamp(), UTC);
            }
        }
    }

    private void readRows(ResultSet rs, List<SourceRecord> records) throws SQLException {
        ResultSetMetaData metadata = rs.getMetaData();
        Schema valueSchema = schema(metadata);
        int incIndex = config.mode().usesIncrementing() ? columnIndex(metadata, config.incrementingColumn()) : -1;
        int tsIndex = config.mode().usesTimestamp() ? columnIndex(metadata, config.timestampColumn()) : -1;
        List<Struct> values = new ArrayList<>();
        List<SourceOffset> offsets = new ArrayList<>();
        while (rs.next()) {
            Struct value = new Struct(valueSchema);
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                value.put(valueSchema.fields().get(i - 1), dialect.read(rs, i, valueSchema.fields().get(i - 1).schema()));
            }
            Long inc = incIndex > 0 ? rs.getLong(incIndex) : null;
            Timestamp ts = tsIndex > 0 ? rs.getTimestamp(tsIndex, UTC) : null;
            if (tsIndex > 0 && ts == null) {
                throw new ConnectException("Row of " + name + " has a NULL " + config.timestampColumn() + "; the"
                        + " timestamp modes need a non-null timestamp column (declare it NOT NULL DEFAULT now()).");
            }
            values.add(value);
            offsets.add(new SourceOffset(inc, ts));
        }
        for (int i = 0; i < values.size(); i++) {
            SourceOffset rowOffset = offsets.get(i);
            Map<String, Object> stored = null;
            if (config.mode() != SourceMode.BULK) {
                stored = storedOffset(offsets, i).toMap();
                offset = rowOffset.incrementing() == null && rowOffset.timestamp() == null ? offset : merge(rowOffset);
            }
            records.add(new SourceRecord(partition, stored, topic, null, null, null, valueSchema, values.get(i)));
        }
    }

    /**
     * In timestamp-only mode a row followed by another with the same timestamp stores "just before" that
     * timestamp, so a restart re-reads the group rather than skipping its unread rows.
     */
    private SourceOffset storedOffset(List<SourceOffset> offsets, int i) {
        SourceOffset row = offsets.get(i);
        if (config.mode() == SourceMode.TIMESTAMP && i + 1 < offsets.size()
                && offsets.get(i + 1).timestamp().equals(row.timestamp())) {
            return new SourceOffset(null, SourceOffset.justBefore(row.timestamp()));
        }
        return merge(row);
    }

    private SourceOffset merge(SourceOffset row) {
        return new SourceOffset(row.incrementing() != null ? row.incrementing() : offset.incrementing(),
                row.timestamp() != null ? row.timestamp() : offset.timestamp());
    }

    private int columnIndex(ResultSetMetaData metadata, String column) throws SQLException {
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            if (metadata.getColumnLabel(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new ConnectException("The result of " + name + " has no column '" + column + "' (columns: "
                + columnNames(metadata) + "); check incrementing.column.name / timestamp.column.name.");
    }

    private static List<String> columnNames(ResultSetMetaData metadata) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            names.add(metadata.getColumnLabel(i));
        }
        return names;
    }

    private Schema schema(ResultSetMetaData metadata) throws SQLException {
        StringBuilder signature = new StringBuilder();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            signature.append(metadata.getColumnLabel(i)).append(':').append(metadata.getColumnType(i)).append(':')
                    .append(metadata.getColumnTypeName(i)).append(',');
        }
        if (schema == null || !signature.toString().equals(schemaSignature)) {
            SchemaBuilder builder = SchemaBuilder.struct().name(name.replaceAll("[^A-Za-z0-9_.]", "_")).optional();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                builder.field(metadata.getColumnLabel(i), dialect.sourceSchema(metadata, i));
            }
            schema = builder.build();
            schemaSignature = signature.toString();
        }
        return schema;
    }
}
