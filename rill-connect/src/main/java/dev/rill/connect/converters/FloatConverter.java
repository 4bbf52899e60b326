package dev.rill.connect.converters;

import org.apache.kafka.common.serialization.FloatDeserializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts FLOAT32 values with kafka-clients' Float serde. Also answers to Apache Kafka's class name
 * {@code org.apache.kafka.connect.converters.FloatConverter}.
 */
public class FloatConverter extends NumberConverter<Float> {
    public FloatConverter() {
        super(Float.class, Schema.OPTIONAL_FLOAT32_SCHEMA, new FloatSerializer(), new FloatDeserializer());
    }
}
