package dev.rill.connect.converters;

import org.apache.kafka.common.serialization.DoubleDeserializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts FLOAT64 values with kafka-clients' Double serde. Also answers to Apache Kafka's class name
 * {@code org.apache.kafka.connect.converters.DoubleConverter}.
 */
public class DoubleConverter extends NumberConverter<Double> {
    public DoubleConverter() {
        super(Double.class, Schema.OPTIONAL_FLOAT64_SCHEMA, new DoubleSerializer(), new DoubleDeserializer());
    }
}
