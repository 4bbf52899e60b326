package dev.rill.streams.kstream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link KTable#suppress(Suppressed)} holds back a table's updates: until a window closes (final results of a
 * windowed aggregation), or until a time limit after a key's first buffered update (rate limiting). Updates wait in a
 * buffer (an in-memory store backed by a changelog unless logging is disabled); what happens when the buffer is full
 * is set by its {@link BufferConfig}.
 *
 * <pre>{@code
 * counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
 *       .toStream()
 *       .to("final-counts");
 * }</pre>
 */
public interface Suppressed<K> {

    /**
     * Emits only the final result of each window, once stream time passes the window's end plus its grace period.
     * Only a table made by a windowed aggregation (or derived from one without a key change) can be suppressed this
     * way; the buffer must be strict (never emit early), and deletes are not forwarded.
     */
    static Suppressed<Windowed<?>> untilWindowCloses(StrictBufferConfig bufferConfig) {
        return new Suppressions.Spec<>(null, Objects.requireNonNull(bufferConfig, "bufferConfig"), null);
    }

    /**
     * Emits a key's latest update once stream time reaches its first buffered update's time plus {@code timeToWait};
     * updates in between replace each other.
     */
    static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferConfig<?> bufferConfig) {
        Objects.requireNonNull(timeToWaitForMoreEvents, "timeToWaitForMoreEvents");
        if (timeToWaitForMoreEvents.isNegative()) {
            throw new IllegalArgumentException("timeToWaitForMoreEvents must not be negative but was "
                    + timeToWaitForMoreEvents + "; pass Duration.ZERO or more.");
        }
        return new Suppressions.Spec<>(null, Objects.requireNonNull(bufferConfig, "bufferConfig"),
                timeToWaitForMoreEvents);
    }

    /** Names the suppression's processor; its buffer store is then {@code <name>-store}. */
    Suppressed<K> withName(String name);

    /** The given name, or null. */
    String name();

    /** The buffer's limits and its behaviour when full. */
    BufferConfig<?> bufferConfig();

    /** The time limit of {@link #untilTimeLimit}, or null for {@link #untilWindowCloses}. */
    Duration timeLimit();

    /** A buffer that never emits early: when full, the application shuts down (or the buffer is unbounded). */
    interface StrictBufferConfig extends BufferConfig<StrictBufferConfig> {
    }

    /** A buffer that, when full, emits its oldest updates early to make room. */
    interface EagerBufferConfig extends BufferConfig<EagerBufferConfig> {
    }

    /** The size limits of a suppression buffer and what it does when they are exceeded. */
    interface BufferConfig<BC extends BufferConfig<BC>> {
        /** At most {@code recordLimit} keys; when full, emits the oldest early. */
        static EagerBufferConfig maxRecords(long recordLimit) {
            return Suppressions.eager(recordLimit, Long.MAX_VALUE);
        }

        /** At most {@code byteLimit} bytes (Kafka Streams' size estimate); when full, emits the oldest early. */
        static EagerBufferConfig maxBytes(long byteLimit) {
            return Suppressions.eager(Long.MAX_VALUE, byteLimit);
        }

        /** No limit: the buffer grows as needed (mind the heap). */
        static StrictBufferConfig unbounded() {
            return Suppressions.strict(Long.MAX_VALUE, Long.MAX_VALUE, true, Map.of());
        }

        BC withMaxRecords(long recordLimit);

        BC withMaxBytes(long byteLimit);

        /** Removes the limits (a strict, unbounded buffer). */
        StrictBufferConfig withNoBound();

        /** When full, stop the application with an error instead of emitting early. */
        StrictBufferConfig shutDownWhenFull();

        /** When full, emit the oldest updates early. */
        EagerBufferConfig emitEarlyWhenFull();

        /** Keeps the buffer in memory only: buffered updates are lost if the task moves or the process dies. */
        BC withLoggingDisabled();

        /** Backs the buffer with a changelog topic with these topic configs (the default, with none). */
        BC withLoggingEnabled(Map<String, String> config);

        long maxRecordsLimit();

        long maxBytesLimit();

        /** Whether a full buffer emits early (else it shuts down). */
        boolean emitsEarlyWhenFull();

        boolean loggingEnabled();

        Map<String, String> logConfig();
    }
}
