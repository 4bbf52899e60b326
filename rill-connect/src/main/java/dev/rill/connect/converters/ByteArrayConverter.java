package dev.rill.connect.converters;

import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Passes bytes through unchanged (optional BYTES schema). Also answers to Apache Kafka's class name
 * {@code org.apache.kafka.connect.converters.ByteArrayConverter}, so existing configs keep working.
 */
public class ByteArrayConverter implements Converter, HeaderConverter, Versioned {

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

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
            byte[] out = new byte[buffer.remaining()];
            buffer.duplicate().get(out);
            return out;
        }
        throw new DataException("ByteArrayConverter expects byte[] or ByteBuffer values but found "
                + value.getClass().getName());
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, value);
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String version() {
        return RillVersion.VERSION;
    }

    /** Kept in one place so every Rill-provided plugin reports the same version. */
    static final class RillVersion {
        static final String VERSION = "0.1.0-SNAPSHOT";

        private RillVersion() {
        }
    }

}
