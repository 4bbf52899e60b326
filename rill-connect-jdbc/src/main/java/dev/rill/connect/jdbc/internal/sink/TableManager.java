package dev.rill.connect.jdbc.internal.sink;

import dev.rill.connect.jdbc.internal.dialect.ColumnDefinition;
import dev.rill.connect.jdbc.internal.dialect.ColumnKind;
import dev.rill.connect.jdbc.internal.dialect.ColumnSpec;
import dev.rill.connect.jdbc.internal.dialect.DatabaseDialect;
import dev.rill.connect.jdbc.internal.dialect.TableDefinition;
import dev.rill.connect.jdbc.internal.dialect.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the destination tables (cached metadata), creates and evolves them when allowed, and checks that
 * each row fits its table before it is written, so a misfit is reported with field, column and types.
 *
 * <p>DDL runs in its own transaction: {@link DdlListener#beforeDdl()} lets the writer commit its pending
 * rows first, so a failed CREATE (for instance, another task created the table at the same moment) only
 * rolls back the DDL.
 */
public final class TableManager {
    /** Called before the manager changes the schema, so pending writes can be committed first. */
    public interface DdlListener {
        void beforeDdl() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TableManager.class);

    private final DatabaseDialect dialect;
    private final boolean autoCreate;
    private final boolean autoEvolve;
    private final Map<TableId, TableDefinition> tables = new HashMap<>();
    /** Why the last schema change failed, when it did: the likely reason the table is still missing. */
    private String lastDdlError;

    public TableManager(DatabaseDialect dialect, boolean autoCreate, boolean autoEvolve) {
        this.dialect = dialect;
        this.autoCreate = autoCreate;
        this.autoEvolve = autoEvolve;
    }

    /** Forgets cached metadata, e.g. after a rollback that may have undone DDL. */
    public void clear() {
        tables.clear();
    }

    /**
     * Returns the row ready to write into its (possibly just created or evolved) table: schemaless nulls
     * for columns the table lacks are dropped. Throws {@link RecordDoesNotFitException} if it cannot fit.
     */
    public SinkRow fit(Connection connection, SinkRow row, DdlListener listener) throws SQLException {
        TableDefinition table = definition(connection, row, listener);
        List<Column> values = new ArrayList<>(row.values().size());
        List<Column> missing = new ArrayList<>();
        for (Column column : row.values()) {
            if (table.column(column.name()) != null) {
                values.add(column);
            } else if (column.schema() != null) {
                missing.add(column);
                values.add(column);
            } // a schemaless null for a column the table lacks: nothing to write, nothing to learn its type from
        }
        for (Column key : row.keys()) {
            if (table.column(key.name()) == null) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            table = evolve(connection, row, table, missing, listener);
        }
        for (Column column : row.keys()) {
            check(row, table, column, "primary-key");
        }
        for (Column column : values) {
            check(row, table, column, "value");
        }
        return values.size() == row.values().size() ? row : row.withValues(values);
    }

    private TableDefinition definition(Connection connection, SinkRow row, DdlListener listener)
            throws SQLException {
        TableDefinition cached = tables.get(row.table());
        if (cached != null) {
            return cached;
        }
        Optional<TableDefinition> existing = dialect.describe(connection, row.table());
        if (existing.isPresent()) {
            tables.put(row.table(), existing.get());
            return existing.get();
        }
        if (!autoCreate) {
            throw new RecordDoesNotFitException("Table " + row.table() + " does not exist (record "
                    + SinkRow.coordinates(row.record()) + "). Create it, or set auto.create=true to create it"
                    + " from the record's schema.");
        }
        if (row.delete()) {
            throw new RecordDoesNotFitException("Table " + row.table() + " does not exist, and the tombstone "
                    + SinkRow.coordinates(row.record()) + " has no value to create it from; nothing to delete.");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        for (Column key : row.keys()) {
            specs.add(new ColumnSpec(key.name(), key.schema(), false));
            primaryKey.add(key.name());
        }
        for (Column value : row.values()) {
            if (value.schema() != null) {
                specs.add(new ColumnSpec(value.name(), value.schema(), true));
            }
        }
        runDdl(connection, List.of(dialect.createTable(row.table(), specs, primaryKey)), listener);
        return describeAfterDdl(connection, row.table());
    }

    private TableDefinition evolve(Connection connection, SinkRow row, TableDefinition table, List<Column> missing,
                                   DdlListener listener) throws SQLException {
        List<String> names = missing.stream().map(Column::name).toList();
        boolean keyMissing = missing.stream().anyMatch(row.keys()::contains);
        if (!autoEvolve || keyMissing) {
            throw new RecordDoesNotFitException("Table " + row.table() + " has no column(s) " + names
                    + " for the fields of record " + SinkRow.coordinates(row.record()) + " (table columns: "
                    + table.columns().keySet() + "). "
                    + (keyMissing ? "Primary-key columns are never added automatically; add them or fix pk.fields."
                    : "Add the columns, or set auto.evolve=true to add them as nullable columns."));
        }
        List<ColumnSpec> specs = missing.stream().map(c -> new ColumnSpec(c.name(), c.schema(), true)).toList();
        runDdl(connection, dialect.addColumns(row.table(), specs), listener);
        return describeAfterDdl(connection, row.table());
    }

    private void runDdl(Connection connection, List<String> statements, DdlListener listener) throws SQLException {
        listener.beforeDdl();
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                LOG.info("Changing the database schema: {}", sql);
                statement.executeUpdate(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            // a concurrent task may have made the same change; describeAfterDdl shows whether the table fits now
            LOG.warn("Schema change failed ({}); reading the table definition again", e.getMessage());
            lastDdlError = e.getMessage();
            try {
                connection.rollback();
            } catch (SQLException rollbackError) {
                // SQLite ends the transaction itself when a DDL statement fails; nothing is left to undo
                LOG.debug("Rollback after the failed schema change: {}", rollbackError.getMessage());
            }
        }
    }

    private TableDefinition describeAfterDdl(Connection connection, TableId id) throws SQLException {
        TableDefinition table = dialect.describe(connection, id).orElseThrow(() -> new SQLException(
                "Table " + id + " still does not exist after CREATE TABLE"
                        + (lastDdlError == null ? "; check the user's privileges" : ": " + lastDdlError)));
        lastDdlError = null;
        tables.put(id, table);
        return table;
    }

    private void check(SinkRow row, TableDefinition table, Column column, String role) {
        ColumnDefinition definition = table.column(column.name());
        if (definition == null) {
            throw new RecordDoesNotFitException("Table " + row.table() + " has no column '" + column.name()
                    + "' for the " + role + " field of record " + SinkRow.coordinates(row.record())
                    + "; add it or set auto.evolve=true.");
        }
        if (column.schema() == null) {
            return;
        }
        ColumnKind kind = ColumnKind.of(column.schema());
        if (!kind.fits(definition.kind())) {
            throw new RecordDoesNotFitException("The " + role + " field '" + column.name() + "' of record "
                    + SinkRow.coordinates(row.record()) + " has Connect type " + typeName(column) + " (value "
                    + RowExtractor.abbreviate(column.value()) + ") but column \"" + definition.name()
                    + "\" of table " + row.table() + " is " + definition.typeName() + "; expected a "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + " column. Change the column type, convert"
                    + " the field (e.g. with the Cast transform) or route the record elsewhere.");
        }
        if (column.value() == null && !definition.nullable()) {
            throw new RecordDoesNotFitException("The " + role + " field '" + column.name() + "' of record "
                    + SinkRow.coordinates(row.record()) + " is null but column \"" + definition.name()
                    + "\" of table " + row.table() + " is NOT NULL.");
        }
    }

    private static String typeName(Column column) {
        return column.schema().name() != null ? column.schema().type() + " (" + column.schema().name() + ")"
                : column.schema().type().toString();
    }
}
