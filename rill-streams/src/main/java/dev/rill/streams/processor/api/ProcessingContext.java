package dev.rill.streams.processor.api;

import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;

/** What every processor can ask its task, independent of how it forwards records. */
public interface ProcessingContext {
    /** The {@code application.id}. */
    String applicationId();

    /** The task this processor instance belongs to. */
    TaskId taskId();

    /** Topic, partition and offset of the input record being processed; empty inside a punctuation. */
    Optional<RecordMetadata> recordMetadata();

    /** The default key serde from {@code default.key.serde}, or null if not configured. */
    Serde<?> keySerde();

    /** The default value serde from {@code default.value.serde}, or null if not configured. */
    Serde<?> valueSerde();

    /** All configuration given to the application. */
    Map<String, Object> appConfigs();

    /**
     * Schedules a punctuation.
     *
     * @param interval how often; at least 1 ms
     * @param type     stream time or wall-clock time
     * @return a handle to cancel it
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /** Asks for a commit of the task's progress as soon as possible (at the end of the current loop). */
    void commit();

    /** The task's current stream time: the highest record timestamp processed so far, or -1. */
    long currentStreamTimeMs();

    /** The current wall-clock time as the runtime (or the test driver) sees it. */
    long currentSystemTimeMs();

    /**
     * Returns the state store of this name connected to this processor.
     *
     * @throws dev.rill.streams.errors.StreamsException if no such store is connected
     */
    <S extends StateStore> S getStateStore(String name);
}
