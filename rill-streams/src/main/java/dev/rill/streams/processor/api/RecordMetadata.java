package dev.rill.streams.processor.api;

/** Topic, partition and offset of the input record currently being processed. */
public interface RecordMetadata {
    String topic();

    int partition();

    long offset();
}
