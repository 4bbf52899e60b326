package dev.rill.bench.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatusTest {

    private static final String STATUS = String.join("\n",
            "Name:\tjava",
            "VmPeak:\t 9034796 kB",
            "VmHWM:\t  405996 kB",
            "VmRSS:\t  398120 kB",
            "Threads:\t42",
            "");

    @Test
    void shouldReadPeakAndCurrentResidentSetInBytes() {
        ProcStatus status = ProcStatus.parse(STATUS);

        assertThat(status.peakRssBytes()).hasValue(405_996L * 1024);
        assertThat(status.rssBytes()).hasValue(398_120L * 1024);
        assertThat(status.bestPeak()).isEqualTo(405_996L * 1024);
    }

    @Test
    void shouldLeaveMissingFieldsEmpty() {
        ProcStatus status = ProcStatus.parse("Name:\tkthreadd\nState:\tS (sleeping)\n");

        assertThat(status.peakRssBytes()).isEmpty();
        assertThat(status.rssBytes()).isEmpty();
        assertThat(status.bestPeak()).isZero();
    }

    @Test
    void shouldNameAnUnexpectedUnit() {
        assertThatThrownBy(() -> ProcStatus.parse("VmHWM:\t 12 pages\n"))
                .hasMessageContaining("unexpected unit 'pages'");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldReadALiveProcess() {
        ProcStatus self = ProcStatus.of(ProcessHandle.current().pid());

        assertThat(self.peakRssBytes()).isPresent();
        assertThat(self.bestPeak()).isGreaterThan(1L << 20);
    }

    @Test
    void shouldGiveUnknownForAProcessThatDoesNotExist() {
        assertThat(ProcStatus.of(Long.MAX_VALUE)).isEqualTo(ProcStatus.UNKNOWN);
    }
}
