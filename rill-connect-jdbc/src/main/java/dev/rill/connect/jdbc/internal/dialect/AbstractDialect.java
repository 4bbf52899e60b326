package dev.rill.connect.jdbc.internal.dialect;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Standard-SQL statements, metadata lookup and value binding shared by the dialects. */
public abstract class AbstractDialect implements DatabaseDialect {
    /** All temporal values are written and read in UTC. */
    protected static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String qualified(TableId table) {
        return table.schema() == null ? quote(table.table()) : quote(table.schema()) + "." + quote(table.table());
    }

    protected String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    protected static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    protected static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public String insert(TableId table, List<String> keyColumns, List<String> valueColumns) {
        List<String> all = concat(keyColumns, valueColumns);
        return "INSERT INTO " + qualified(table) + " (" + columnList(all) + ") VALUES (" + placeholders(all.size())
                + ")";
    }

    /** {@code INSERT … ON CONFLICT (key) DO UPDATE}, understood by PostgreSQL and SQLite ≥ 3.24. */
    @Override
    public String upsert(TableId table, List<String> keyColumns, List<String> valueColumns) {
        String conflict = " ON CONFLICT (" + columnList(keyColumns) + ") ";
        if (valueColumns.isEmpty()) {
            return insert(table, keyColumns, valueColumns) + conflict + "DO NOTHING";
        }
        return insert(table, keyColumns, valueColumns) + conflict + "DO UPDATE SET " + valueColumns.stream()
                .map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
    }

    @Override
    public String update(TableId table, List<String> keyColumns, List<String> valueColumns) {
        return "UPDATE " + qualified(table) + " SET " + valueColumns.stream().map(c -> quote(c) + " = ?")
                .collect(Collectors.joining(", ")) + where(keyColumns);
    }

    @Override
    public String delete(TableId table, List<String> keyColumns) {
        return "DELETE FROM " + qualified(table) + where(keyColumns);
    }

    private String where(List<String> keyColumns) {
        return " WHERE " + keyColumns.stream().map(c -> quote(c) + " = ?").collect(Collectors.joining(" AND "));
    }

    @Override
    public String createTable(TableId table, List<ColumnSpec> columns, List<String> primaryKey) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualified(table)).append(" (");
        sql.append(columns.stream().map(this::columnDefinition).collect(Collectors.joining(", ")));
        if (!primaryKey.isEmpty()) {
            sql.append(", PRIMARY KEY (").append(columnList(primaryKey)).append(')');
        }
        return sql.append(')').toString();
    }

    protected String columnDefinition(ColumnSpec column) {
        return quote(column.name()) + " " + sqlType(column.schema()) + (column.nullable() ? "" : " NOT NULL");
    }

    @Override
    public List<String> addColumns(TableId table, List<ColumnSpec> columns) {
        return columns.stream().map(c -> "ALTER TABLE " + qualified(table) + " ADD COLUMN " + columnDefinition(c))
                .toList();
    }

    @Override
    public Optional<TableDefinition> describe(Connection connection, TableId table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        // an unqualified name means the session's current schema, not "any schema with such a table"
        String schema = table.schema() != null ? table.schema() : currentSchema(connection);
        List<ColumnDefinition> columns = new ArrayList<>();
        try (ResultSet rs = metadata.getColumns(null, schema, table.table(), null)) {
            while (rs.next()) {
                // the table name is a LIKE pattern ('_' matches any character): keep exact matches only
                if (!table.table().equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                String typeName = rs.getString("TYPE_NAME");
                columns.add(new ColumnDefinition(rs.getString("COLUMN_NAME"), typeName,
                        kindOf(rs.getInt("DATA_TYPE"), typeName),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<String> key = new ArrayList<>();
        try (ResultSet rs = metadata.getPrimaryKeys(null, schema, table.table())) {
            while (rs.next()) {
                key.add(rs.getString("COLUMN_NAME"));
            }
        }
        return Optional.of(new TableDefinition(table, columns, key));
    }

    private static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException e) {
            return null; // no schemas (SQLite) or a driver that cannot tell: match the name in any schema
        }
    }

    /** Classifies a column from the driver's metadata. */
    protected ColumnKind kindOf(int jdbcType, String typeName) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ColumnKind.INTEGER;
            case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> ColumnKind.DECIMAL;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> ColumnKind.TEXT;
            case Types.BIT, Types.BOOLEAN -> ColumnKind.BOOLEAN;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ColumnKind.BINARY;
            case Types.DATE -> ColumnKind.DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> ColumnKind.TIME;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnKind.TIMESTAMP;
            default -> ColumnKind.OTHER;
        };
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, jdbcType(schema));
            return;
        }
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME -> {
                    statement.setBigDecimal(index, (java.math.BigDecimal) value);
                    return;
                }
                case Date.LOGICAL_NAME -> {
                    statement.setDate(index, new java.sql.Date(((java.util.Date) value).getTime()), UTC);
                    return;
                }
                case Time.LOGICAL_NAME -> {
                    statement.setTime(index, new java.sql.Time(((java.util.Date) value).getTime()), UTC);
                    return;
                }
                case Timestamp.LOGICAL_NAME -> {
                    statement.setTimestamp(index, new java.sql.Timestamp(((java.util.Date) value).getTime()), UTC);
                    return;
                }
                default -> {
                }
            }
        }
        switch (schema.type()) {
            case INT8 -> statement.setShort(index, ((Byte) value).shortValue());
            case INT16 -> statement.setShort(index, (Short) value);
            case INT32 -> statement.setInt(index, (Integer) value);
            case INT64 -> statement.setLong(index, (Long) value);
            case FLOAT32 -> statement.setFloat(index, (Float) value);
            case FLOAT64 -> statement.setDouble(index, (Double) value);
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case STRING -> statement.setString(index, (String) value);
            case BYTES -> statement.setBytes(index, value instanceof ByteBuffer buffer ? bytes(buffer) : (byte[]) value);
            default -> throw new DataException("Cannot write a value of Connect type " + schema.type()
                    + " into a column; flatten structs with the Flatten transform or drop the field.");
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    protected int jdbcType(Schema schema) {
        ColumnKind kind = ColumnKind.of(schema);
        if (kind == null) {
            return Types.NULL;
        }
        return switch (kind) {
            case INTEGER -> schema.type() == Schema.Type.INT64 ? Types.BIGINT : Types.INTEGER;
            case DECIMAL -> schema.name() != null ? Types.NUMERIC : Types.DOUBLE;
            case TEXT -> Types.VARCHAR;
            case BOOLEAN -> Types.BOOLEAN;
            case BINARY -> Types.BINARY;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case OTHER -> Types.OTHER;
        };
    }

    /**
     * Connect's logical types map to the standard SQL types both databases accept (a decimal to NUMERIC, the
     * temporal types to DATE, TIME and TIMESTAMP); every other schema maps by its primitive type.
     */
    @Override
    public String sqlType(Schema schema) {
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME:
                    return "NUMERIC";
                case Date.LOGICAL_NAME:
                    return "DATE";
                case Time.LOGICAL_NAME:
                    return "TIME";
                case Timestamp.LOGICAL_NAME:
                    return "TIMESTAMP";
                default:
                    break;
            }
        }
        return primitiveSqlType(schema);
    }

    /** The column type for a schema without a logical type; throws {@link #unsupported} for what it cannot store. */
    protected abstract String primitiveSqlType(Schema schema);

    /** Throws the error users see when a field's type has no column type. */
    protected static DataException unsupported(Schema schema) {
        return new DataException("No SQL column type for Connect type " + schema.type()
                + (schema.name() != null ? " (" + schema.name() + ")" : "")
                + "; flatten structs with the Flatten transform, or drop the field with ReplaceField.");
    }

    @Override
    public java.sql.Timestamp currentTimestamp(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            rs.next();
            return rs.getTimestamp(1, UTC);
        }
    }

    @Override
    public Schema sourceSchema(java.sql.ResultSetMetaData metadata, int column) throws SQLException {
        int type = metadata.getColumnType(column);
        return switch (type) {
            case Types.BIT, Types.BOOLEAN -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case Types.TINYINT, Types.SMALLINT -> Schema.OPTIONAL_INT16_SCHEMA;
            case Types.INTEGER -> Schema.OPTIONAL_INT32_SCHEMA;
            case Types.BIGINT -> Schema.OPTIONAL_INT64_SCHEMA;
            case Types.REAL -> Schema.OPTIONAL_FLOAT32_SCHEMA;
            case Types.FLOAT, Types.DOUBLE -> Schema.OPTIONAL_FLOAT64_SCHEMA;
            case Types.NUMERIC, Types.DECIMAL -> numericSchema(metadata.getPrecision(column), metadata.getScale(column));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Schema.OPTIONAL_BYTES_SCHEMA;
            case Types.DATE -> Date.builder().optional().build();
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> Time.builder().optional().build();
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Timestamp.builder().optional().build();
            default -> Schema.OPTIONAL_STRING_SCHEMA; // text, json, uuid, enums…: their text form
        };
    }

    /**
     * NUMERIC with a declared scale becomes Decimal(scale); an integral NUMERIC of up to 18 digits INT64;
     * an unconstrained NUMERIC its exact decimal text, since no fixed scale fits all of its values.
     */
    protected static Schema numericSchema(int precision, int scale) {
        if (scale > 0 && precision > 0 && precision < 1000) {
            return Decimal.builder(scale).optional().build();
        }
        if (scale == 0 && precision > 0 && precision <= 18) {
            return Schema.OPTIONAL_INT64_SCHEMA;
        }
        return Schema.OPTIONAL_STRING_SCHEMA;
    }

    @Override
    public Object read(ResultSet rs, int column, Schema schema) throws SQLException {
        Object value = readNonNull(rs, column, schema);
        return rs.wasNull() ? null : value;
    }

    private Object readNonNull(ResultSet rs, int column, Schema schema) throws SQLException {
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME -> {
                    java.math.BigDecimal decimal = rs.getBigDecimal(column);
                    int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
                    return decimal == null ? null : decimal.setScale(scale, java.math.RoundingMode.HALF_UP);
                }
                case Date.LOGICAL_NAME -> {
                    java.sql.Date date = rs.getDate(column, UTC);
                    return date == null ? null : new java.util.Date(date.getTime());
                }
                case Time.LOGICAL_NAME -> {
                    java.sql.Time time = rs.getTime(column, UTC);
                    return time == null ? null : new java.util.Date(time.getTime());
                }
                case Timestamp.LOGICAL_NAME -> {
                    java.sql.Timestamp timestamp = rs.getTimestamp(column, UTC);
                    return timestamp == null ? null : new java.util.Date(timestamp.getTime());
                }
                default -> {
                }
            }
        }
        return switch (schema.type()) {
            case BOOLEAN -> rs.getBoolean(column);
            case INT16 -> rs.getShort(column);
            case INT32 -> rs.getInt(column);
            case INT64 -> rs.getLong(column);
            case FLOAT32 -> rs.getFloat(column);
            case FLOAT64 -> rs.getDouble(column);
            case BYTES -> rs.getBytes(column);
            default -> rs.getString(column);
        };
    }
}
