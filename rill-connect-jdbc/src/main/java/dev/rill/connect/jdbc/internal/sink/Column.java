package dev.rill.connect.jdbc.internal.sink;

import org.apache.kafka.connect.data.Schema;

/**
 * One column value of a row. {@code schema} is null for a schemaless null value, whose type is unknown:
 * such a column is written only if the table already has it.
 */
public record Column(String name, Schema schema, Object value) {
}
