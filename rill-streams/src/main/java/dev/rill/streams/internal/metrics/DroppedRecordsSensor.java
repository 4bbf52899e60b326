package dev.rill.streams.internal.metrics;

/**
 * Implemented by the engine's processor contexts: lets a DSL processor count a record it drops on purpose (a record
 * too late for its window, a null key) in the task's {@code dropped-records} metric without depending on the engine.
 */
public interface DroppedRecordsSensor {
    void recordDroppedRecord();
}
