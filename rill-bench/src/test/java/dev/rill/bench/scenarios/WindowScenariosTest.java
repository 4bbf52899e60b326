package dev.rill.bench.scenarios;

import dev.rill.bench.EventTimestamps;
import dev.rill.bench.JoinInput;
import dev.rill.bench.PaymentInput;
import dev.rill.bench.RecordDigest;
import dev.rill.bench.SideRole;
import dev.rill.bench.sides.JoinedPayment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WindowScenariosTest {

    private static final long START = EventTimestamps.startOfYesterday(1_765_000_000_000L);

    @Test
    void shouldSpreadTimestampsOverADayWithBoundedDeterministicJitter() {
        EventTimestamps timestamps = new EventTimestamps(START, 10_000, Duration.ofDays(1), Duration.ofSeconds(20), 7);

        assertThat(START % EventTimestamps.DAY_MS).isZero();
        assertThat(START).isLessThan(1_765_000_000_000L - EventTimestamps.DAY_MS + 1);
        long maxJitter = 0;
        for (long i = 0; i < 10_000; i++) {
            long shift = timestamps.applyAsLong(i) - (START + i * EventTimestamps.DAY_MS / 10_000);
            assertThat(Math.abs(shift)).isLessThanOrEqualTo(20_000);
            maxJitter = Math.max(maxJitter, Math.abs(shift));
        }
        assertThat(maxJitter).as("records do arrive out of order").isGreaterThan(15_000);
        assertThat(timestamps.applyAsLong(1234)).isEqualTo(new EventTimestamps(START, 10_000, Duration.ofDays(1), Duration.ofSeconds(20), 7)
                .applyAsLong(1234));
        assertThat(new EventTimestamps(START, 10, Duration.ofDays(1), Duration.ZERO, 7).applyAsLong(5)).isEqualTo(START + EventTimestamps.DAY_MS / 2);
    }

    @Test
    void shouldCountEveryRecordInTheTumblingWindowItsTimestampFallsIn() {
        PaymentInput input = new PaymentInput(50_000, 1, WindowedCountScenario.ACCOUNTS);
        EventTimestamps timestamps = new EventTimestamps(START, input.count(), Duration.ofDays(1), WindowedCountScenario.JITTER, 1);

        Map<WindowedCountScenario.WindowedKey, Long> counts =
                WindowedCountScenario.expectedCounts(input, timestamps, WindowedCountScenario.WINDOW);

        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50_000);
        assertThat(counts.keySet()).allSatisfy(k -> assertThat(k.windowStart() % Duration.ofMinutes(5).toMillis()).isZero());
        // the unknown key has 5000 records spread over the day's 288 windows (and the jitter's edges)
        assertThat(counts.keySet().stream().filter(k -> k.key().equals(PaymentInput.UNKNOWN_KEY)).count())
                .isBetween(288L, 290L);
    }

    @Test
    void shouldGiveEqualWindowedDigestsOnlyForEqualCountsPerKeyAndWindow() {
        Map<WindowedCountScenario.WindowedKey, Long> expected = new HashMap<>();
        expected.put(new WindowedCountScenario.WindowedKey("a", 0), 3L);
        expected.put(new WindowedCountScenario.WindowedKey("a", 300_000), 2L);
        expected.put(new WindowedCountScenario.WindowedKey("b", 0), 1L);
        Map<WindowedCountScenario.WindowedKey, Long> otherOrder = new LinkedHashMap<>();
        otherOrder.put(new WindowedCountScenario.WindowedKey("b", 0), 1L);
        otherOrder.put(new WindowedCountScenario.WindowedKey("a", 300_000), 2L);
        otherOrder.put(new WindowedCountScenario.WindowedKey("a", 0), 3L);
        Map<WindowedCountScenario.WindowedKey, Long> windowsSwapped = new HashMap<>();
        windowsSwapped.put(new WindowedCountScenario.WindowedKey("a", 0), 2L);
        windowsSwapped.put(new WindowedCountScenario.WindowedKey("a", 300_000), 3L);
        windowsSwapped.put(new WindowedCountScenario.WindowedKey("b", 0), 1L);
        Map<WindowedCountScenario.WindowedKey, Long> shifted = new HashMap<>(expected);
        shifted.remove(new WindowedCountScenario.WindowedKey("b", 0));
        shifted.put(new WindowedCountScenario.WindowedKey("b", 300_000), 1L);
        Map<WindowedCountScenario.WindowedKey, Long> missing = new HashMap<>(expected);
        missing.remove(new WindowedCountScenario.WindowedKey("a", 300_000));

        RecordDigest digest = WindowedCountScenario.digestOfWindowedCounts(expected);
        assertThat(WindowedCountScenario.digestOfWindowedCounts(otherOrder).matches(digest)).isTrue();
        assertThat(WindowedCountScenario.digestOfWindowedCounts(windowsSwapped).matches(digest)).isFalse();
        assertThat(WindowedCountScenario.digestOfWindowedCounts(shifted).verdictAgainst(digest, "x").detail())
                .contains("same count, different content");
        assertThat(WindowedCountScenario.digestOfWindowedCounts(missing).verdictAgainst(digest, "x").detail())
                .contains("missing records");
    }

    @Test
    void shouldExpectExactlyThePairsWithinTheJoinWindow() {
        Duration window = Duration.ofMinutes(1);
        JoinInput input = new JoinInput(3_000, START, Duration.ofHours(1), window);

        // brute force over every pair of the same key
        RecordDigest bruteForce = new RecordDigest();
        long[] matchesOfLeft = new long[3_000];
        for (long i = 0; i < input.count(); i++) {
            for (long j = 0; j < input.count(); j++) {
                if (input.key(i).equals(input.key(j))
                        && Math.abs(input.rightTimestamp(j) - input.leftTimestamp(i)) <= window.toMillis()) {
                    bruteForce.add(input.key(i), JoinedPayment.join(input.leftValue(i), input.rightValue(j)));
                    matchesOfLeft[(int) i]++;
                }
            }
        }

        assertThat(input.expectedJoin(window, JoinedPayment::join).matches(bruteForce)).isTrue();
        assertThat(java.util.Arrays.stream(matchesOfLeft).min().orElseThrow()).isEqualTo(1);
        assertThat(java.util.Arrays.stream(matchesOfLeft).max().orElseThrow()).isEqualTo(2);
        assertThat(bruteForce.count()).isGreaterThan(2 * 3_000 - 2L * input.accounts() - 1);
        assertThat(input.expectedJoin(Duration.ofSeconds(30), JoinedPayment::join).matches(bruteForce)).isFalse();
        assertThat(input.spacingMs()).isBetween(48_001L, 79_999L);
    }

    @Test
    void shouldBoundMatchesForTheFullAndQuickSizes() {
        for (long count : new long[] {1_000_000, 200_000, 20_000}) {
            JoinInput input = new JoinInput(count, START, StreamJoinScenario.SPAN, StreamJoinScenario.WINDOW);
            // payment i matches authorisations i - accounts (3/4 spacing earlier) and i (1/4 spacing later) only
            assertThat(input.spacingMs()).as("spacing for " + count).isBetween(48_001L, 79_999L);
            assertThat(input.rightTimestamp(input.accounts()) - input.leftTimestamp(input.accounts()))
                    .isLessThan(StreamJoinScenario.WINDOW.toMillis());
        }
    }

    @Test
    void shouldCompareTheThreeStreamsSidesAndBeRegistered() {
        assertThat(new WindowedCountScenario().sides()).extracting(s -> s.role())
                .containsExactly(SideRole.ANCHOR, SideRole.ANCHOR_WITH_RILL_CLIENTS, SideRole.RILL);
        assertThat(new StreamJoinScenario().sides()).extracting(s -> s.role())
                .containsExactly(SideRole.ANCHOR, SideRole.ANCHOR_WITH_RILL_CLIENTS, SideRole.RILL);
        assertThat(Scenarios.all()).extracting(s -> s.id()).contains("windowed-count", "stream-join")
                .doesNotHaveDuplicates();
        assertThat(WindowedCountScenario.JITTER.multipliedBy(2)).isLessThan(WindowedCountScenario.GRACE);
    }
}
