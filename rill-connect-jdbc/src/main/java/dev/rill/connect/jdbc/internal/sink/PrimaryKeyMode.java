package dev.rill.connect.jdbc.internal.sink;

/** Where a row's primary key comes from. */
public enum PrimaryKeyMode {
    /** No key: rows are only inserted. */
    NONE,
    /** The record's coordinates: topic, partition and offset. */
    KAFKA,
    /** The record key: a primitive key is one column, a struct or map key gives one column per field. */
    RECORD_KEY,
    /** Fields of the record value. */
    RECORD_VALUE
}
