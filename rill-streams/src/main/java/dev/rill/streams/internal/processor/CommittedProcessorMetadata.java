package dev.rill.streams.internal.processor;

/**
 * Implemented by the engine's processor contexts: small values a DSL processor keeps across restarts and task moves
 * without a store, committed with the task's input offsets (in their commit metadata, so under exactly-once they are
 * part of the same transaction as the task's output). An onWindowClose aggregation keeps the close time up to which
 * it emitted final results this way, as Kafka Streams does.
 */
public interface CommittedProcessorMetadata {

    /** The value last committed under {@code key} by this task (or set since), or null. */
    Long processorMetadata(String key);

    /** Sets a value, committed with the task's next commit. */
    void putProcessorMetadata(String key, long value);
}
