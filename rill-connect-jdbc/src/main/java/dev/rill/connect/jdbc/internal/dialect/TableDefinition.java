package dev.rill.connect.jdbc.internal.dialect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The columns and primary key of an existing table. */
public final class TableDefinition {
    private final TableId id;
    private final Map<String, ColumnDefinition> columns;
    private final List<String> primaryKey;

    public TableDefinition(TableId id, List<ColumnDefinition> columns, List<String> primaryKey) {
        this.id = id;
        Map<String, ColumnDefinition> byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.put(c.name(), c));
        this.columns = Collections.unmodifiableMap(byName);
        this.primaryKey = List.copyOf(primaryKey);
    }

    public TableId id() {
        return id;
    }

    public ColumnDefinition column(String name) {
        return columns.get(name);
    }

    public Map<String, ColumnDefinition> columns() {
        return columns;
    }

    public List<String> primaryKey() {
        return primaryKey;
    }
}
