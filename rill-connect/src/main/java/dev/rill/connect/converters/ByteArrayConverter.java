package dev.rill.connect.converters;

import java.nio.ByteBuffer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * Passes bytes through unchanged (optional BYTES schema). Also answers to Apache Kafka's class name
 * {@code org.apache.kafka.connect.converters.ByteArrayConverter}, so existing configs keep working.
 */
public class ByteArrayConverter extends SimpleConverter {

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schema != null && schema.type() != Schema.Type.BYTES) {
            throw new DataException("ByteArrayConverter expects a BYTES schema but the record has " + schema.type()
                    + "; use a converter for that type, e.g. JsonConverter or StringConverter");
        }
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ByteBuffer buffer) {
            // as Apache's converter: from the buffer's start (not its position) to its limit; the caller's buffer
            // is left as it was
            ByteBuffer whole = buffer.duplicate().rewind();
            byte[] out = new byte[whole.remaining()];
            whole.get(out);
            return out;
        }
        throw new DataException("ByteArrayConverter expects byte[] or ByteBuffer values but found "
                + value.getClass().getName());
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, value);
    }
}
