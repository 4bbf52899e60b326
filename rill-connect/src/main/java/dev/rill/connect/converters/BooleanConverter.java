package dev.rill.connect.converters;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.BooleanDeserializer;
import org.apache.kafka.common.serialization.BooleanSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts BOOLEAN values with kafka-clients' Boolean serde (one byte, 1 or 0). Also answers to Apache Kafka's
 * class name {@code org.apache.kafka.connect.converters.BooleanConverter}.
 */
public class BooleanConverter extends SimpleConverter {
    private final BooleanSerializer serializer = new BooleanSerializer();
    private final BooleanDeserializer deserializer = new BooleanDeserializer();

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schema != null && schema.type() != Schema.Type.BOOLEAN) {
            throw new DataException("BooleanConverter expects a BOOLEAN schema but the record has " + schema.type()
                    + "; use a converter for that type, e.g. JsonConverter or StringConverter");
        }
        if (value != null && !(value instanceof Boolean)) {
            throw new DataException("BooleanConverter expects BOOLEAN values but found " + value.getClass().getName()
                    + "; use a converter that matches the record's type");
        }
        return serializer.serialize(topic, (Boolean) value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        try {
            return new SchemaAndValue(Schema.OPTIONAL_BOOLEAN_SCHEMA, deserializer.deserialize(topic, value));
        } catch (SerializationException e) {
            throw new DataException("Failed to read a BOOLEAN value from topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
