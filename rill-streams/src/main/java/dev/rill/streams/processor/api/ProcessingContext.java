package dev.rill.streams.processor.api;

import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
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
     * The instance's metrics; sensors added here show up in {@code RillStreams.metrics()} (and the test driver's).
     */
    dev.rill.streams.StreamsMetrics metrics();

    /**
     * The configuration entries whose key starts with {@code prefix}, with the prefix taken off their keys (for
     * example {@code appConfigsWithPrefix("my.app.")} turns {@code my.app.limit} into {@code limit}).
     */
    default Map<String, Object> appConfigsWithPrefix(String prefix) {
        Map<String, Object> out = new java.util.HashMap<>();
        appConfigs().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    /**
     * The task's own directory under {@code state.dir} ({@code <state.dir>/<application.id>/<task id>}), for
     * processors that keep files of their own; it is not created for them.
     */
    File stateDir();

    /**
     * Schedules a punctuation.
     *
     * @param interval how often; at least 1 ms
     * @param type     stream time or wall-clock time
     * @return a handle to cancel it
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /**
     * Schedules a punctuation anchored at a start time: the first is due at {@code startTime}, the next ones every
     * {@code interval} after it (a start in the past fires at the first time on that grid that has been reached).
     *
     * <pre>{@code
     * // every hour on the hour of wall-clock time
     * context.schedule(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofHours(1), WALL_CLOCK_TIME, this::report);
     * }</pre>
     *
     * @param startTime when the first punctuation is due; not before {@link Instant#EPOCH}
     * @param interval  how often; at least 1 ms
     * @param type      stream time or wall-clock time
     * @return a handle to cancel it
     * @throws IllegalArgumentException if the interval is under 1 ms or the start before the epoch
     */
    Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback);

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
