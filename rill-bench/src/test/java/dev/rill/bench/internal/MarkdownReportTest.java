package dev.rill.bench.internal;

import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    private static final Side PIPE = Side.onHarnessClasspath("pipe", SideRole.CEILING, "a.Pipe");
    private static final Side ANCHOR = Side.onHarnessClasspath("kafka-streams", SideRole.ANCHOR, "a.Streams");
    private static final Side RILL = Side.onHarnessClasspath("rill-streams", SideRole.RILL, "a.Rill");
    private static final long MIB = 1 << 20;

    private static RunRecord ok(Side side, int round, long wallMs, long rssMib) {
        return new RunRecord("s", side, round, RunStatus.OK, "verified", 1_000_000, wallMs, -1, 100, 100_000, rssMib * MIB);
    }

    private static String render(List<RunRecord> runs) {
        ScenarioResult result = new ScenarioResult("s", "Seed filter", List.of("the workload"), List.of(PIPE, ANCHOR, RILL), runs);
        return MarkdownReport.render(new MarkdownReport.Input(Instant.parse("2026-11-25T09:00:00Z"),
                Instant.parse("2026-11-25T09:06:00Z"), BenchOptions.parse("--quick"),
                new Machine(2, 24L << 30, "cpu", "jdk 17", "linux"), "1 / 1 / 1", "2 / 2 / 2", "4.3.1",
                "0.1.0-SNAPSHOT", List.of(result)));
    }

    @Test
    void shouldReportMediansRatiosAndMachine() {
        String md = render(List.of(
                ok(PIPE, 1, 500, 300), ok(ANCHOR, 1, 1000, 400), ok(RILL, 1, 800, 200),
                ok(PIPE, 2, 600, 310), ok(ANCHOR, 2, 1200, 420), ok(RILL, 2, 1000, 220)));

        assertThat(md).contains("2026-11-25 09:00 UTC").contains("quick mode").contains("2 cores").contains("4.3.1")
                .contains("| pipe | ceiling | 2 / 2 | 1.83 M | 1.67 M – 2.00 M")
                // anchor median 0.917 M, Rill median 1.125 M, pipe 1.833 M
                .contains("**Rill / anchor** (median throughput): 1.23")
                .contains("**Rill / ceiling**: 0.61")
                .contains("**peak RSS Rill / anchor**: 0.51")
                .contains("the workload");
    }

    @Test
    void shouldNotTimeARunWithWrongOutput() {
        RunRecord wrong = new RunRecord("s", RILL, 1, RunStatus.WRONG_OUTPUT, "expected 10 records but found 9", 1_000_000,
                100, -1, 50, 10, 100 * MIB);

        String md = render(List.of(ok(PIPE, 1, 500, 300), ok(ANCHOR, 1, 1000, 400), wrong));

        assertThat(wrong.recordsPerSecond()).isZero();
        assertThat(md).contains("| rill-streams | Rill | 0 / 1 | — |")
                .contains("| 1 | rill-streams | WRONG_OUTPUT |  |")
                .contains("expected 10 records but found 9")
                .contains("**Rill / anchor** (median throughput): — (no verified runs on one side)");
    }

    @Test
    void shouldSayWhyTheRillSideWasNotMeasured() {
        RunRecord missing = new RunRecord("s", RILL, 1, RunStatus.NOT_AVAILABLE, "main class a.Rill is not on classpath",
                0, 0, -1, -1, 0, 0);

        String md = render(List.of(ok(PIPE, 1, 500, 300), ok(ANCHOR, 1, 1000, 400), missing));

        assertThat(md).contains("| rill-streams | Rill | not available |")
                .contains("**Rill side not measured:** main class a.Rill is not on classpath");
    }

    @Test
    void shouldGiveTheRateAfterTheFirstCommit() {
        // 900 000 records between the first commit at 100 ms and the end at 1000 ms
        assertThat(ok(ANCHOR, 1, 1000, 400).recordsPerSecondAfterFirstCommit()).isEqualTo(1_000_000.0);
        assertThat(new RunRecord("s", ANCHOR, 1, RunStatus.OK, "", 1000, 100, -1, 100, 1000, 0)
                .recordsPerSecondAfterFirstCommit()).isNaN();
    }

    @Test
    void shouldReportTheAnchorWithRillClientsAndTheScenariosOwnMeasurements() {
        Side tuned = Side.onHarnessClasspath("kafka-streams-rill-clients", SideRole.ANCHOR_WITH_RILL_CLIENTS, "a.Streams");
        List<RunRecord> runs = List.of(
                measured(ANCHOR, 1000, 40, 120), measured(tuned, 900, 20, 60), measured(RILL, 800, 10, 30));
        ScenarioResult result = new ScenarioResult("s", "Latency", List.of("fixed rate"), List.of(ANCHOR, tuned, RILL), runs);

        String md = MarkdownReport.render(new MarkdownReport.Input(Instant.parse("2026-12-04T09:00:00Z"),
                Instant.parse("2026-12-04T09:06:00Z"), BenchOptions.parse("--quick"),
                new Machine(2, 24L << 30, "cpu", "jdk 17", "linux"), "1 / 1 / 1", "2 / 2 / 2", "4.3.1",
                "0.1.0-SNAPSHOT", List.of(result)));

        assertThat(md).contains("| kafka-streams-rill-clients | anchor with Rill's client settings | 1 / 1 |")
                // throughput: anchor 1.0 M, tuned 1.11 M, Rill 1.25 M
                .contains("**Rill / anchor with Rill's client settings**: 1.13")
                .contains("| side | latency p50 (ms) median | latency p99 (ms) median |")
                .contains("| kafka-streams | 40.0 | 120 |")
                .contains("| rill-streams | 10.0 | 30.0 |")
                .contains("**Rill / anchor**: latency p50 (ms) 0.25 · latency p99 (ms) 0.25");
    }

    private static RunRecord measured(Side side, long wallMs, double p50, double p99) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("latency p50 (ms)", p50);
        figures.put("latency p99 (ms)", p99);
        return new RunRecord("s", side, 1, RunStatus.OK, "verified", 1_000_000, wallMs, -1, 100, 100_000, 100 * MIB,
                figures);
    }

    @Test
    void shouldFormatRates() {
        assertThat(MarkdownReport.rate(2_345_678)).isEqualTo("2.35 M");
        assertThat(MarkdownReport.rate(412_300)).isEqualTo("412 k");
        assertThat(MarkdownReport.rate(Double.NaN)).isEqualTo("—");
    }
}
