package dev.rill.connect.converters;

import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts INT32 values with kafka-clients' Integer serde. Also answers to Apache Kafka's class name
 * {@code org.apache.kafka.connect.converters.IntegerConverter}.
 */
public class IntegerConverter extends NumberConverter<Integer> {
    public IntegerConverter() {
        super(Integer.class, Schema.OPTIONAL_INT32_SCHEMA, new IntegerSerializer(), new IntegerDeserializer());
    }
}
