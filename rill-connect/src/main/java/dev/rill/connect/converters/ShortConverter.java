package dev.rill.connect.converters;

import org.apache.kafka.common.serialization.ShortDeserializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts INT16 values with kafka-clients' Short serde. Also answers to Apache Kafka's class name
 * {@code org.apache.kafka.connect.converters.ShortConverter}.
 */
public class ShortConverter extends NumberConverter<Short> {
    public ShortConverter() {
        super(Short.class, Schema.OPTIONAL_INT16_SCHEMA, new ShortSerializer(), new ShortDeserializer());
    }
}
