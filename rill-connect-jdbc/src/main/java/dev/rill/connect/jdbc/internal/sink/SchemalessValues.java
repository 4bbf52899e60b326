package dev.rill.connect.jdbc.internal.sink;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Gives schemaless values (e.g. from JsonConverter with {@code schemas.enable=false}) a Connect schema:
 * <ul>
 *   <li>Byte, Short, Integer, Long → INT64; Float, Double → FLOAT64; BigDecimal → Decimal(scale)</li>
 *   <li>Boolean → BOOLEAN; String → STRING; byte[] and ByteBuffer → BYTES; java.util.Date → Timestamp</li>
 *   <li>Map and List (nested JSON) → STRING holding the JSON text</li>
 *   <li>null → unknown: written as NULL if the column exists, otherwise the column is not created yet</li>
 * </ul>
 */
public final class SchemalessValues {
    private SchemalessValues() {
    }

    public static Column column(String name, Object value) {
        if (value == null) {
            return new Column(name, null, null);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return new Column(name, Schema.OPTIONAL_INT64_SCHEMA, ((Number) value).longValue());
        }
        if (value instanceof Float || value instanceof Double) {
            return new Column(name, Schema.OPTIONAL_FLOAT64_SCHEMA, ((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return new Column(name, Decimal.builder(Math.max(0, decimal.scale())).optional().build(),
                    decimal.scale() < 0 ? decimal.setScale(0) : decimal);
        }
        if (value instanceof Boolean) {
            return new Column(name, Schema.OPTIONAL_BOOLEAN_SCHEMA, value);
        }
        if (value instanceof String) {
            return new Column(name, Schema.OPTIONAL_STRING_SCHEMA, value);
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return new Column(name, Schema.OPTIONAL_BYTES_SCHEMA, value);
        }
        if (value instanceof java.util.Date date) {
            return new Column(name, Timestamp.builder().optional().build(), date);
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return new Column(name, Schema.OPTIONAL_STRING_SCHEMA, toJson(value));
        }
        throw new RecordDoesNotFitException("Field '" + name + "' holds a " + value.getClass().getName()
                + " (" + value + "), which has no column type; schemaless values must be JSON-like (numbers,"
                + " strings, booleans, maps, lists).");
    }

    /** Compact JSON text of a JSON-like value. */
    public static String toJson(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            Iterator<?> it = list.iterator();
            while (it.hasNext()) {
                write(out, it.next());
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
