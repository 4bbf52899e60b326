package dev.rill.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @Test
    void shouldTakeTheNearestRank() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[99 - i] = i + 1; // 100 .. 1, unsorted on purpose
        }
        Percentiles p = Percentiles.of(hundred);

        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(99.9)).isEqualTo(100);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(p.at(0.1)).isEqualTo(1);
        assertThat(hundred[0]).as("the input is not sorted in place").isEqualTo(100);
    }

    @Test
    void shouldGiveTheOnlyValueOfASampleOfOne() {
        assertThat(Percentiles.of(new long[] {7}).at(99.9)).isEqualTo(7);
    }

    @Test
    void shouldRefuseAnEmptySampleAndPercentsOutOfRange() {
        assertThatThrownBy(() -> Percentiles.of(new long[0]).at(50)).hasMessageContaining("no values");
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}).at(0)).hasMessageContaining("(0, 100], was 0.0");
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}).at(101)).hasMessageContaining("was 101.0");
    }
}
