package dev.rill.streams.kstream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** The value classes behind {@link Suppressed} and its buffer configs. */
final class Suppressions {
    private Suppressions() {
    }

    static Suppressed.EagerBufferConfig eager(long maxRecords, long maxBytes) {
        return new Eager(checkRecords(maxRecords), checkBytes(maxBytes), true, Map.of());
    }

    static Suppressed.StrictBufferConfig strict(long maxRecords, long maxBytes, boolean logging,
                                                Map<String, String> logConfig) {
        return new Strict(checkRecords(maxRecords), checkBytes(maxBytes), logging, logConfig);
    }

    private static long checkRecords(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("A suppression buffer's record limit must not be negative but was " + n
                    + "; pass 0 or more, or use BufferConfig.unbounded().");
        }
        return n;
    }

    private static long checkBytes(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("A suppression buffer's byte limit must not be negative but was " + n
                    + "; pass 0 or more, or use BufferConfig.unbounded().");
        }
        return n;
    }

    private static Map<String, String> copy(Map<String, String> config) {
        return Map.copyOf(Objects.requireNonNull(config, "config"));
    }

    /** Emits early when full. */
    private record Eager(long maxRecordsLimit, long maxBytesLimit, boolean loggingEnabled,
                         Map<String, String> logConfig) implements Suppressed.EagerBufferConfig {
        @Override
        public Suppressed.EagerBufferConfig withMaxRecords(long recordLimit) {
            return new Eager(checkRecords(recordLimit), maxBytesLimit, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.EagerBufferConfig withMaxBytes(long byteLimit) {
            return new Eager(maxRecordsLimit, checkBytes(byteLimit), loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig withNoBound() {
            return new Strict(Long.MAX_VALUE, Long.MAX_VALUE, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig shutDownWhenFull() {
            return new Strict(maxRecordsLimit, maxBytesLimit, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.EagerBufferConfig emitEarlyWhenFull() {
            return this;
        }

        @Override
        public Suppressed.EagerBufferConfig withLoggingDisabled() {
            return new Eager(maxRecordsLimit, maxBytesLimit, false, Map.of());
        }

        @Override
        public Suppressed.EagerBufferConfig withLoggingEnabled(Map<String, String> config) {
            return new Eager(maxRecordsLimit, maxBytesLimit, true, copy(config));
        }

        @Override
        public boolean emitsEarlyWhenFull() {
            return true;
        }
    }

    /** Shuts down when full (or is unbounded). */
    private record Strict(long maxRecordsLimit, long maxBytesLimit, boolean loggingEnabled,
                          Map<String, String> logConfig) implements Suppressed.StrictBufferConfig {
        @Override
        public Suppressed.StrictBufferConfig withMaxRecords(long recordLimit) {
            return new Strict(checkRecords(recordLimit), maxBytesLimit, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig withMaxBytes(long byteLimit) {
            return new Strict(maxRecordsLimit, checkBytes(byteLimit), loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig withNoBound() {
            return new Strict(Long.MAX_VALUE, Long.MAX_VALUE, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig shutDownWhenFull() {
            return this;
        }

        @Override
        public Suppressed.EagerBufferConfig emitEarlyWhenFull() {
            return new Eager(maxRecordsLimit, maxBytesLimit, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig withLoggingDisabled() {
            return new Strict(maxRecordsLimit, maxBytesLimit, false, Map.of());
        }

        @Override
        public Suppressed.StrictBufferConfig withLoggingEnabled(Map<String, String> config) {
            return new Strict(maxRecordsLimit, maxBytesLimit, true, copy(config));
        }

        @Override
        public boolean emitsEarlyWhenFull() {
            return false;
        }
    }

    /** A suppression: until its window closes ({@code timeLimit} null) or until a time limit. */
    record Spec<K>(String name, Suppressed.BufferConfig<?> bufferConfig, Duration timeLimit) implements Suppressed<K> {
        @Override
        public Suppressed<K> withName(String name) {
            Named.validate(name);
            return new Spec<>(name, bufferConfig, timeLimit);
        }
    }
}
