package dev.rill.streams.processor;

import dev.rill.streams.errors.StreamsException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The record's own timestamp; a negative one is replaced by the partition's time so far. */
public class UsePartitionTimeOnInvalidTimestamp implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long ts = record.timestamp();
        if (ts >= 0) {
            return ts;
        }
        if (partitionTime < 0) {
            throw new StreamsException("Input record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " has invalid timestamp " + ts + " and the partition has no time yet to use instead;"
                    + " use LogAndSkipOnInvalidTimestamp to drop such records.");
        }
        return partitionTime;
    }
}
