package dev.rill.connect.jdbc.internal.sink;

import dev.rill.connect.jdbc.internal.dialect.ColumnKind;
import dev.rill.connect.jdbc.internal.dialect.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/** Turns a sink record into a {@link SinkRow} following pk.mode, pk.fields and delete.enabled. */
public final class RowExtractor {
    private final PrimaryKeyMode pkMode;
    private final List<String> pkFields;
    private final boolean deleteEnabled;
    private final Set<String> fieldsWhitelist;

    public RowExtractor(JdbcSinkConfig config) {
        this.fieldsWhitelist = Set.copyOf(config.fieldsWhitelist());
        this.pkMode = config.pkMode();
        this.pkFields = config.pkFields();
        this.deleteEnabled = config.deleteEnabled();
    }

    /** The row for the record, or null for a tombstone when deletes are disabled (it is skipped). */
    public SinkRow extract(SinkRecord record, TableId table) {
        if (record.value() == null) {
            if (!deleteEnabled) {
                return null;
            }
            return new SinkRow(record, table, true, keyColumnsFromKey(record), List.of());
        }
        Map<String, Column> valueFields = fields(record, "value", record.valueSchema(), record.value());
        List<Column> keys = switch (pkMode) {
            case NONE -> List.of();
            case KAFKA -> kafkaColumns(record);
            case RECORD_KEY -> keyColumnsFromKey(record);
            case RECORD_VALUE -> keyColumnsFromValue(record, valueFields);
        };
        Set<String> keyNames = new java.util.HashSet<>();
        keys.forEach(k -> keyNames.add(k.name()));
        List<Column> values = new ArrayList<>();
        for (Column column : valueFields.values()) {
            boolean wanted = fieldsWhitelist.isEmpty() || fieldsWhitelist.contains(column.name());
            if (wanted && !keyNames.contains(column.name())) {
                values.add(column);
            }
        }
        return new SinkRow(record, table, false, keys, values);
    }

    private List<Column> kafkaColumns(SinkRecord record) {
        List<String> names = pkFields.isEmpty() ? JdbcSinkConfig.DEFAULT_KAFKA_COLUMNS : pkFields;
        return List.of(new Column(names.get(0), Schema.STRING_SCHEMA, record.topic()),
                new Column(names.get(1), Schema.INT32_SCHEMA, record.kafkaPartition()),
                new Column(names.get(2), Schema.INT64_SCHEMA, record.kafkaOffset()));
    }

    private List<Column> keyColumnsFromKey(SinkRecord record) {
        Object key = record.key();
        if (key == null) {
            throw new RecordDoesNotFitException("Record " + SinkRow.coordinates(record) + " has a null key, but"
                    + " pk.mode=record_key takes the primary key from the record key. Produce keyed records or"
                    + " choose another pk.mode.");
        }
        if (key instanceof Struct || key instanceof Map<?, ?>) {
            Map<String, Column> keyFields = fields(record, "key", record.keySchema(), key);
            return select(record, "key", keyFields, pkFields.isEmpty() ? List.copyOf(keyFields.keySet()) : pkFields);
        }
        if (pkFields.size() > 1) {
            throw new RecordDoesNotFitException("Record " + SinkRow.coordinates(record) + " has a primitive key ("
                    + key + ") but pk.fields names " + pkFields.size() + " columns " + pkFields + "; a primitive"
                    + " key fills exactly one column.");
        }
        String name = pkFields.isEmpty() ? JdbcSinkConfig.DEFAULT_KEY_COLUMN : pkFields.get(0);
        Column column = record.keySchema() != null
                ? new Column(name, record.keySchema(), key)
                : SchemalessValues.column(name, key);
        checkStorable(record, "key", column);
        return List.of(column);
    }

    private List<Column> keyColumnsFromValue(SinkRecord record, Map<String, Column> valueFields) {
        return select(record, "value", valueFields, pkFields.isEmpty() ? List.copyOf(valueFields.keySet()) : pkFields);
    }

    private List<Column> select(SinkRecord record, String part, Map<String, Column> fields, List<String> names) {
        List<Column> keys = new ArrayList<>(names.size());
        for (String name : names) {
            Column column = fields.get(name);
            if (column == null || column.value() == null) {
                throw new RecordDoesNotFitException("Record " + SinkRow.coordinates(record) + " has "
                        + (column == null ? "no" : "a null") + " primary-key field '" + name + "' in its " + part
                        + " (pk.mode=" + pkMode.name().toLowerCase(java.util.Locale.ROOT) + ", pk.fields="
                        + pkFields + "; the " + part + " has fields " + fields.keySet() + "). Fix the producer"
                        + " or pk.fields.");
            }
            keys.add(column);
        }
        return keys;
    }

    private Map<String, Column> fields(SinkRecord record, String part, Schema schema, Object data) {
        Map<String, Column> fields = new LinkedHashMap<>();
        if (data instanceof Struct struct) {
            for (Field field : struct.schema().fields()) {
                Column column = new Column(field.name(), field.schema(), struct.get(field));
                checkStorable(record, part, column);
                fields.put(field.name(), column);
            }
            return fields;
        }
        if (data instanceof Map<?, ?> map && (schema == null || schema.type() == Schema.Type.MAP)) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                fields.put(name, SchemalessValues.column(name, entry.getValue()));
            }
            return fields;
        }
        throw new RecordDoesNotFitException("The " + part + " of record " + SinkRow.coordinates(record) + " is a "
                + (schema != null ? schema.type() : data.getClass().getSimpleName()) + " (" + abbreviate(data)
                + "); the JDBC sink needs a Struct (a converter with schemas) or a map (schemaless JSON) to find"
                + " column names. Use JsonConverter, or wrap the value with the HoistField transform.");
    }

    private static void checkStorable(SinkRecord record, String part, Column column) {
        if (column.schema() != null && ColumnKind.of(column.schema()) == null) {
            throw new RecordDoesNotFitException("Field '" + column.name() + "' of the " + part + " of record "
                    + SinkRow.coordinates(record) + " has Connect type " + column.schema().type()
                    + ", which no column can hold. Flatten it with the Flatten transform or drop it with"
                    + " ReplaceField.");
        }
    }

    static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
