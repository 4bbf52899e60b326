package dev.rill.connect.converters;

import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts INT64 values with kafka-clients' Long serde. Also answers to Apache Kafka's class name
 * {@code org.apache.kafka.connect.converters.LongConverter}.
 */
public class LongConverter extends NumberConverter<Long> {
    public LongConverter() {
        super(Long.class, Schema.OPTIONAL_INT64_SCHEMA, new LongSerializer(), new LongDeserializer());
    }
}
