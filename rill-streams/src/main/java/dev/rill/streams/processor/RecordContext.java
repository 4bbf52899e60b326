package dev.rill.streams.processor;

import org.apache.kafka.common.header.Headers;

/** Where the record being processed came from: topic, partition, offset, plus its timestamp and headers. */
public interface RecordContext {
    /** Source topic, or null inside a punctuation. */
    String topic();

    /** Source partition, or -1 inside a punctuation. */
    int partition();

    /** Source offset, or -1 inside a punctuation. */
    long offset();

    /** The record's timestamp (ms). */
    long timestamp();

    /** The record's headers. */
    Headers headers();
}
