package dev.rill.streams.internal.kstream;

import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.Merger;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windows;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.kstream.Windowed;
import org.apache.kafka.common.serialization.Serde;

/**
 * One kind of window definition as the windowed DSL needs it: the size its store keeps per window, the default
 * retention, the grace period, and the aggregation processor. Validates the definition with advice on null.
 */
abstract class WindowSpec {
    /** The window size of the store (a time window's size, a sliding window's time difference). */
    abstract long storeWindowSize();

    /** Retention when Materialized gives none, and the least a given retention may be. */
    abstract long minimumRetention();

    abstract long gracePeriodMs();

    /** What the windows are called in messages. */
    abstract String describe();

    /** Whether unnamed count(Materialized) burns a name index first, as Kafka Streams does for time and session windows. */
    abstract boolean countBurnsStoreName();

    abstract <K, V, VA> Processor<K, V, Windowed<K>, Change<VA>> processor(
            String storeName, EmitStrategy emit, Initializer<VA> initializer,
            Aggregator<? super K, ? super V, VA> aggregator, Merger<? super K, VA> merger, Serde<K> keySerde,
            long retentionMs);

    /** Checks a user-given retention against this definition. */
    long retention(java.time.Duration given, String storeName) {
        if (given == null) {
            return minimumRetention();
        }
        long ms = given.toMillis();
        if (ms < minimumRetention()) {
            throw new IllegalArgumentException("The retention period of the window store " + storeName + " must be no "
                    + "smaller than its window size plus the grace period (" + describe() + " needs at least "
                    + minimumRetention() + " ms) but Materialized.withRetention gave " + ms + " ms; raise the "
                    + "retention or shorten the windows.");
        }
        return ms;
    }

    static <W extends Window> WindowSpec of(Windows<W> windows) {
        return new TimeSpec<>(require(windows, "Windows (e.g. TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(5)))"));
    }

    static WindowSpec of(SlidingWindows windows) {
        return new SlidingSpec(require(windows,
                "SlidingWindows (e.g. SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMinutes(5)))"));
    }

    static SessionSpec of(SessionWindows windows) {
        return new SessionSpec(require(windows,
                "SessionWindows (e.g. SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMinutes(5)))"));
    }

    private static <T> T require(T windows, String expected) {
        if (windows == null) {
            throw new TopologyException("windowedBy() needs a window definition but was given null; pass " + expected
                    + ".");
        }
        return windows;
    }

    static final class TimeSpec<W extends Window> extends WindowSpec {
        private final Windows<W> windows;

        TimeSpec(Windows<W> windows) {
            this.windows = windows;
        }

        @Override
        long storeWindowSize() {
            return windows.size();
        }

        @Override
        long minimumRetention() {
            return windows.size() + windows.gracePeriodMs();
        }

        @Override
        long gracePeriodMs() {
            return windows.gracePeriodMs();
        }

        @Override
        String describe() {
            return windows.toString();
        }

        @Override
        boolean countBurnsStoreName() {
            return true;
        }

        @Override
        <K, V, VA> Processor<K, V, Windowed<K>, Change<VA>> processor(
                String storeName, EmitStrategy emit, Initializer<VA> initializer,
                Aggregator<? super K, ? super V, VA> aggregator, Merger<? super K, VA> merger, Serde<K> keySerde,
                long retentionMs) {
            return new TimeWindowAggregateProcessor<>(storeName, emit, windows, initializer, aggregator, keySerde,
                    retentionMs);
        }
    }

    static final class SlidingSpec extends WindowSpec {
        private final SlidingWindows windows;

        SlidingSpec(SlidingWindows windows) {
            this.windows = windows;
        }

        @Override
        long storeWindowSize() {
            return windows.timeDifferenceMs();
        }

        @Override
        long minimumRetention() {
            return 2 * windows.timeDifferenceMs() + windows.gracePeriodMs();
        }

        @Override
        long gracePeriodMs() {
            return windows.gracePeriodMs();
        }

        @Override
        String describe() {
            return windows.toString();
        }

        @Override
        boolean countBurnsStoreName() {
            return false;
        }

        @Override
        <K, V, VA> Processor<K, V, Windowed<K>, Change<VA>> processor(
                String storeName, EmitStrategy emit, Initializer<VA> initializer,
                Aggregator<? super K, ? super V, VA> aggregator, Merger<? super K, VA> merger, Serde<K> keySerde,
                long retentionMs) {
            return new SlidingWindowAggregateProcessor<>(storeName, emit, windows, initializer, aggregator, keySerde,
                    retentionMs);
        }
    }

    static final class SessionSpec extends WindowSpec {
        private final SessionWindows windows;

        SessionSpec(SessionWindows windows) {
            this.windows = windows;
        }

        @Override
        long storeWindowSize() {
            return windows.inactivityGap();
        }

        @Override
        long minimumRetention() {
            return windows.inactivityGap() + windows.gracePeriodMs();
        }

        @Override
        long gracePeriodMs() {
            return windows.gracePeriodMs();
        }

        @Override
        String describe() {
            return windows.toString();
        }

        @Override
        boolean countBurnsStoreName() {
            return true;
        }

        @Override
        <K, V, VA> Processor<K, V, Windowed<K>, Change<VA>> processor(
                String storeName, EmitStrategy emit, Initializer<VA> initializer,
                Aggregator<? super K, ? super V, VA> aggregator, Merger<? super K, VA> merger, Serde<K> keySerde,
                long retentionMs) {
            return new SessionWindowAggregateProcessor<>(storeName, emit, windows, initializer, aggregator, merger,
                    keySerde, retentionMs);
        }
    }
}
