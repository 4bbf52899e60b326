package dev.rill.streams.processor;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Uses the system clock at processing time as the record timestamp (processing-time semantics). */
public class WallclockTimestampExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return System.currentTimeMillis();
    }
}
