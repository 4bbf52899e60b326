package dev.rill.streams.processor;

import dev.rill.streams.errors.StreamsException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The default extractor: the record's own timestamp; a negative one stops processing with an error. */
public class FailOnInvalidTimestamp implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long ts = record.timestamp();
        if (ts < 0) {
            throw new StreamsException("Input record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " has invalid (negative) timestamp " + ts + "; expected a timestamp >= 0. Fix the producer, or set "
                    + "default.timestamp.extractor to LogAndSkipOnInvalidTimestamp or UsePartitionTimeOnInvalidTimestamp.");
        }
        return ts;
    }
}
