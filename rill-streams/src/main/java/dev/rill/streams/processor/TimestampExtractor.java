package dev.rill.streams.processor;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Gives the timestamp of an input record, which drives stream time and ordering within a task.
 * Configure a default with {@code default.timestamp.extractor} or per source with {@code Consumed}.
 */
@FunctionalInterface
public interface TimestampExtractor {
    /**
     * Extracts a timestamp.
     *
     * @param record        the deserialized input record
     * @param partitionTime the highest timestamp seen so far on this partition, or -1 if none
     * @return the timestamp in ms; a negative value drops the record (counted as dropped)
     */
    long extract(ConsumerRecord<Object, Object> record, long partitionTime);
}
