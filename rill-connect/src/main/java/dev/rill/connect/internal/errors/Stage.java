package dev.rill.connect.internal.errors;

/** Where in a task's pipeline an operation failed; the names match Kafka Connect's dead-letter headers. */
public enum Stage {
    TASK_POLL, TASK_PUT, KEY_CONVERTER, VALUE_CONVERTER, HEADER_CONVERTER, TRANSFORMATION, KAFKA_PRODUCE, KAFKA_CONSUME
}
