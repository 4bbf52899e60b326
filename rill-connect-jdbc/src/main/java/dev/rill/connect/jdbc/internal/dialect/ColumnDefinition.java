package dev.rill.connect.jdbc.internal.dialect;

/** A column of an existing table as the database describes it. */
public record ColumnDefinition(String name, String typeName, ColumnKind kind, boolean nullable) {
}
