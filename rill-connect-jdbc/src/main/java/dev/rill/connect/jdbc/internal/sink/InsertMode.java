package dev.rill.connect.jdbc.internal.sink;

/** How the sink writes a record: plain insert, insert-or-update on the primary key, or update only. */
public enum InsertMode {
    INSERT, UPSERT, UPDATE
}
