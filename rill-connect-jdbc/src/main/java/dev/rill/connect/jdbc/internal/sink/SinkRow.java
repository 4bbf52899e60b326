package dev.rill.connect.jdbc.internal.sink;

import dev.rill.connect.jdbc.internal.dialect.TableId;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.sink.SinkRecord;

/** A record turned into the key and value columns of one table row, and whether it deletes that row. */
public record SinkRow(SinkRecord record, TableId table, boolean delete, List<Column> keys, List<Column> values) {

    /** Rows with the same shape share one SQL statement and can be batched together. */
    public String shape() {
        return table + (delete ? "|D|" : "|W|") + names(keys) + "|" + names(values);
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(Column::name).collect(Collectors.joining(","));
    }

    public SinkRow withValues(List<Column> newValues) {
        return new SinkRow(record, table, delete, keys, newValues);
    }

    /** Where the record came from, for error messages: {@code topic-partition@offset}. */
    public static String coordinates(SinkRecord record) {
        return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }
}
