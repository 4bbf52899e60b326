package dev.rill.connect.jdbc.internal.dialect;

import org.apache.kafka.connect.data.Schema;

/** A column to create or add: its name, the Connect schema of its values and whether it may be NULL. */
public record ColumnSpec(String name, Schema schema, boolean nullable) {
}
