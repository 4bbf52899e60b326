package dev.rill.cli.tools;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A kcat-like output format: {@code %t} topic, {@code %p} partition, {@code %o} offset, {@code %k} key,
 * {@code %s} value, {@code %K} / {@code %S} key / value length in bytes, {@code %h} headers as
 * NAME:VALUE,NAME:VALUE, {@code %T} timestamp in epoch milliseconds, {@code %%} a percent sign; {@code \n},
 * {@code \t}, {@code \r}, {@code \\} are escapes.
 */
final class RecordFormat {

    private static final String FIELDS = "tpokKsShT%";

    private final List<String> literals = new ArrayList<>();
    private final List<Character> fields = new ArrayList<>();
    private final Formats keyFormat;
    private final Formats valueFormat;
    private final String nullText;

    private RecordFormat(Formats keyFormat, Formats valueFormat, String nullText) {
        this.keyFormat = keyFormat;
        this.valueFormat = valueFormat;
        this.nullText = nullText;
    }

    /** Parses a format; {@link IllegalArgumentException} names an unknown {@code %} field. */
    static RecordFormat parse(String format, Formats keyFormat, Formats valueFormat, String nullText) {
        RecordFormat result = new RecordFormat(keyFormat, valueFormat, nullText);
        String text = Text.unescape(format);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 >= text.length() || FIELDS.indexOf(text.charAt(i + 1)) < 0) {
                throw new IllegalArgumentException("--format has an unknown field '"
                        + (i + 1 < text.length() ? "%" + text.charAt(i + 1) : "%") + "' in '" + format
                        + "': expected %t topic, %p partition, %o offset, %k key, %s value, %K key length, "
                        + "%S value length, %h headers, %T timestamp or %% for a percent sign");
            }
            char field = text.charAt(++i);
            if (field == '%') {
                literal.append('%');
                continue;
            }
            result.literals.add(literal.toString());
            result.fields.add(field);
            literal.setLength(0);
        }
        result.literals.add(literal.toString());
        return result;
    }

    String format(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            out.append(literals.get(i));
            append(out, fields.get(i), record);
        }
        return out.append(literals.get(fields.size())).toString();
    }

    private void append(StringBuilder out, char field, ConsumerRecord<byte[], byte[]> record) {
        switch (field) {
            case 't': out.append(record.topic()); break;
            case 'p': out.append(record.partition()); break;
            case 'o': out.append(record.offset()); break;
            case 'T': out.append(record.timestamp()); break;
            case 'k': out.append(record.key() == null ? nullText : keyFormat.encode(record.key())); break;
            case 's': out.append(record.value() == null ? nullText : valueFormat.encode(record.value())); break;
            case 'K': out.append(record.key() == null ? -1 : record.key().length); break;
            case 'S': out.append(record.value() == null ? -1 : record.value().length); break;
            case 'h': appendHeaders(out, record); break;
            default: throw new IllegalStateException("unparsed field %" + field);
        }
    }

    private static void appendHeaders(StringBuilder out, ConsumerRecord<byte[], byte[]> record) {
        boolean first = true;
        for (Header header : record.headers()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(header.key());
            if (header.value() != null) {
                out.append(':').append(new String(header.value(), StandardCharsets.UTF_8));
            }
        }
    }
}
