package dev.rill.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReplicaTallyTest {

    private static final long START = 1_000_000_000L;
    private static final Map<Integer, Long> EXPECTED = Map.of(0, 2L, 1, 1L);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RecordDigest input() {
        RecordDigest digest = new RecordDigest();
        digest.add(bytes("a"), bytes("1"));
        digest.add(bytes("b"), bytes("2"));
        digest.add(bytes("c"), bytes("3"));
        return digest;
    }

    private static long at(long millis) {
        return START + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void shouldBeCorrectWhenEveryPartitionHoldsTheInputsRecords() {
        ReplicaTally tally = new ReplicaTally(EXPECTED, START);
        tally.add(0, bytes("a"), bytes("1"), at(1500));
        tally.add(1, bytes("c"), bytes("3"), at(1500));
        tally.add(0, bytes("b"), bytes("2"), at(2500));

        assertThat(tally.recordsDone()).isEqualTo(3);
        assertThat(tally.verdictAgainst(input(), "replica").correct()).isTrue();
        assertThat(tally.secondsToFirstRecord()).hasValue(1.5);
        // one record after the first batch of two, one second later
        assertThat(tally.recordsPerSecondFirstToLast().getAsDouble()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void shouldReportNothingBeforeTheFirstRecordNorARateWhenAllArriveAtOnce() {
        ReplicaTally tally = new ReplicaTally(EXPECTED, START);

        assertThat(tally.recordsDone()).isZero();
        assertThat(tally.secondsToFirstRecord()).isEmpty();

        tally.add(0, bytes("a"), bytes("1"), at(10));
        tally.add(1, bytes("c"), bytes("3"), at(10));
        assertThat(tally.recordsPerSecondFirstToLast()).isEmpty();
    }

    @Test
    void shouldNotCountExtraRecordsOfOnePartitionTowardsAnother() {
        ReplicaTally tally = new ReplicaTally(EXPECTED, START);
        tally.add(0, bytes("a"), bytes("1"), at(1));
        tally.add(0, bytes("b"), bytes("2"), at(1));
        tally.add(0, bytes("b"), bytes("2"), at(2));

        assertThat(tally.recordsDone()).as("partition 1 is still empty").isEqualTo(2);
        Verdict verdict = tally.verdictAgainst(input(), "replica");
        assertThat(verdict.correct()).isFalse();
        assertThat(verdict.detail()).contains("0=expected 2, found 3").contains("1=expected 1, found 0");
    }

    @Test
    void shouldFailARecordMovedToAPartitionTheInputDoesNotHave() {
        ReplicaTally tally = new ReplicaTally(Map.of(0, 3L), START);
        tally.add(0, bytes("a"), bytes("1"), at(1));
        tally.add(0, bytes("b"), bytes("2"), at(1));
        tally.add(7, bytes("c"), bytes("3"), at(1));

        assertThat(tally.verdictAgainst(input(), "replica").detail()).contains("7=expected no records, found 1");
    }

    @Test
    void shouldFailAlteredRecordsEvenWithTheRightCounts() {
        ReplicaTally tally = new ReplicaTally(EXPECTED, START);
        tally.add(0, bytes("a"), bytes("1"), at(1));
        tally.add(0, bytes("b"), bytes("changed"), at(1));
        tally.add(1, bytes("c"), bytes("3"), at(1));

        Verdict verdict = tally.verdictAgainst(input(), "replica");
        assertThat(verdict.correct()).isFalse();
        assertThat(verdict.detail()).contains("same count, different content");
    }
}
