package dev.rill.connect.jdbc.internal.dialect;

import java.util.Objects;

/** A table name, optionally qualified by a schema ({@code schema.table}). */
public record TableId(String schema, String table) {
    public TableId {
        Objects.requireNonNull(table, "table");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("table name must not be empty");
        }
    }

    /** Parses {@code table} or {@code schema.table} (a first dot separates the schema). */
    public static TableId parse(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? new TableId(null, name) : new TableId(name.substring(0, dot), name.substring(dot + 1));
    }

    @Override
    public String toString() {
        return schema == null ? table : schema + "." + table;
    }
}
