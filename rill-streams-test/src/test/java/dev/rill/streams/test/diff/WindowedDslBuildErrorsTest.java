package dev.rill.streams.test.diff;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.StreamsBuilder;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.Suppressed;
import dev.rill.streams.kstream.TimeWindow;
import dev.rill.streams.kstream.TimeWindows;
import dev.rill.streams.kstream.Windows;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.Stores;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad arguments to the windowed DSL fail when the topology is built, saying what was expected and what to do. */
class WindowedDslBuildErrorsTest {
    private static KGroupedStream<String, String> grouped() {
        return new StreamsBuilder().<String, String>stream("in").groupByKey();
    }

    @Test
    void shouldRejectNullWindowsWithAnExample() {
        assertThatThrownBy(() -> grouped().windowedBy((Windows<TimeWindow>) null))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("windowedBy() needs a window definition but was given null")
                .hasMessageContaining("TimeWindows.ofSizeWithNoGrace");
        assertThatThrownBy(() -> grouped().windowedBy((SlidingWindows) null))
                .isInstanceOf(TopologyException.class).hasMessageContaining("SlidingWindows.ofTimeDifference");
        assertThatThrownBy(() -> grouped().windowedBy((SessionWindows) null))
                .isInstanceOf(TopologyException.class).hasMessageContaining("SessionWindows.ofInactivityGap");
        assertThatThrownBy(() -> grouped().cogroup((k, v, agg) -> agg).windowedBy((SessionWindows) null))
                .isInstanceOf(TopologyException.class).hasMessageContaining("windowedBy() needs a window definition");
    }

    @Test
    void shouldRejectNullEmitStrategyNamingTheChoices() {
        assertThatThrownBy(() -> grouped().windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(1)))
                .emitStrategy(null))
                .isInstanceOf(TopologyException.class).hasMessageContaining("EmitStrategy.onWindowClose()");
    }

    @Test
    void shouldRejectUntilWindowClosesOnATableWithPlainKeysLikeKafkaStreams() {
        // a table read from a topic of windowed keys type-checks, but its rows have no window that could close
        assertThatThrownBy(() -> new StreamsBuilder().<dev.rill.streams.kstream.Windowed<String>, String>table("t")
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("needs a table made by a windowed aggregation")
                .hasMessageContaining("Suppressed.untilTimeLimit");
        org.apache.kafka.streams.StreamsBuilder apache = new org.apache.kafka.streams.StreamsBuilder();
        assertThatThrownBy(() -> apache.<org.apache.kafka.streams.kstream.Windowed<String>, String>table("t").suppress(
                org.apache.kafka.streams.kstream.Suppressed.untilWindowCloses(
                        org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded())))
                .isInstanceOf(org.apache.kafka.streams.errors.TopologyException.class);
    }

    @Test
    void shouldRejectARetentionShorterThanWindowPlusGraceLikeKafkaStreams() {
        assertThatThrownBy(() -> grouped()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofMillis(50)))
                .count(Materialized.<String, Long, StateStore>as("counts").withRetention(Duration.ofMillis(120))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counts").hasMessageContaining("150").hasMessageContaining("120");
        org.apache.kafka.streams.StreamsBuilder apache = new org.apache.kafka.streams.StreamsBuilder();
        assertThatThrownBy(() -> apache.<String, String>stream("in").groupByKey()
                .windowedBy(org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(Duration.ofMillis(100),
                        Duration.ofMillis(50)))
                .count(org.apache.kafka.streams.kstream.Materialized.<String, Long,
                        org.apache.kafka.streams.state.WindowStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(
                        "counts").withRetention(Duration.ofMillis(120))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAStoreSupplierOfTheWrongKind() {
        assertThatThrownBy(() -> grouped().windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofSeconds(1)))
                .count(Materialized.as(Stores.persistentTimestampedWindowStore("w", Duration.ofSeconds(5),
                        Duration.ofSeconds(1), false))))
                .isInstanceOf(TopologyException.class).hasMessageContaining("session store supplier");
        assertThatThrownBy(() -> grouped().windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(1)))
                .count(Materialized.as(Stores.persistentKeyValueStore("kv"))))
                .isInstanceOf(TopologyException.class).hasMessageContaining("needs a window store");
    }

    @Test
    void shouldRejectANegativeTimeLimit() {
        assertThatThrownBy(() -> Suppressed.untilTimeLimit(Duration.ofMillis(-1), Suppressed.BufferConfig.unbounded()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Suppressed.BufferConfig.maxRecords(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record limit");
        EmitStrategy.onWindowClose(); // the strategies are values: nothing to check beyond construction
    }
}
