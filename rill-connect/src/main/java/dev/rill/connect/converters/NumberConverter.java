package dev.rill.connect.converters;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts values of one Java number type with the matching kafka-clients serializer and deserializer; bytes
 * are read back with the given optional schema, and a null value stays null in both directions.
 *
 * @param <T> the Java type of the values (e.g. {@code Long} for INT64)
 */
abstract class NumberConverter<T> extends SimpleConverter {
    private final Class<T> type;
    private final Schema schema;
    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;

    NumberConverter(Class<T> type, Schema schema, Serializer<T> serializer, Deserializer<T> deserializer) {
        this.type = type;
        this.schema = schema;
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value != null && !type.isInstance(value)) {
            throw new DataException(getClass().getSimpleName() + " expects " + this.schema.type() + " values but found "
                    + value.getClass().getName() + "; use a converter that matches the record's type");
        }
        return serializer.serialize(topic, type.cast(value));
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        try {
            return new SchemaAndValue(schema, deserializer.deserialize(topic, value));
        } catch (SerializationException e) {
            throw new DataException("Failed to read a " + schema.type() + " value from topic " + topic + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
