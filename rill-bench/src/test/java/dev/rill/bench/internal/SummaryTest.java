package dev.rill.bench.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummaryTest {

    @Test
    void shouldTakeTheMiddleValueOfAnOddSample() {
        Summary summary = Summary.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0));

        assertThat(summary).isEqualTo(new Summary(5, 3.0, 1.0, 5.0));
    }

    @Test
    void shouldAverageTheTwoMiddleValuesOfAnEvenSample() {
        assertThat(Summary.of(List.of(10.0, 1.0, 4.0, 2.0)).median()).isEqualTo(3.0);
    }

    @Test
    void shouldGiveRatioOfMediansAndRelativeSpread() {
        Summary rill = Summary.of(List.of(90.0, 100.0, 110.0));
        Summary anchor = Summary.of(List.of(50.0));

        assertThat(rill.ratioTo(anchor)).isEqualTo(2.0);
        assertThat(rill.relativeSpread()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void shouldGiveNoRatioWhenEitherSideHasNoTimedRun() {
        assertThat(Summary.of(List.of()).isEmpty()).isTrue();
        assertThat(Summary.of(List.of(1.0)).ratioTo(Summary.EMPTY)).isNaN();
        assertThat(Summary.EMPTY.ratioTo(Summary.of(List.of(1.0)))).isNaN();
    }
}
