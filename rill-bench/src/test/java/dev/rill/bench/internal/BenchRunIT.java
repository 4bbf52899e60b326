package dev.rill.bench.internal;

import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.scenarios.SeedFilterScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a tiny seed-filter benchmark end to end: embedded broker, input, three child JVMs, verification, report.
 * Proves the harness times correct sides and rejects a side whose output is wrong; measures nothing.
 */
class BenchRunIT {

    @Test
    void shouldTimeCorrectSidesAndRejectOneWithWrongOutput(@TempDir Path dir) throws Exception {
        Side pipe = SeedFilterScenario.SIDES.get(0);
        Side kafkaStreams = SeedFilterScenario.SIDES.get(1);
        Side lossy = Side.onHarnessClasspath("lossy", SideRole.RILL, "dev.rill.bench.sides.LossyFilterMain");
        Path report = dir.resolve("performance.md");

        List<ScenarioResult> results = BenchRun.fromArgs(List.of(new SeedFilterScenario(List.of(pipe, kafkaStreams, lossy))),
                "--records", "4000", "--rounds", "1", "--jvm-flags", "-Xmx256m", "--run-timeout-s", "180",
                "--output", report.toString(), "--work-dir", dir.resolve("runs").toString()).run();

        ScenarioResult result = results.get(0);
        assertThat(result.runsOf(pipe)).singleElement().satisfies(run -> {
            assertThat(run.status()).as(run.detail()).isEqualTo(RunStatus.OK);
            assertThat(run.detail()).contains("400 records");
            assertThat(run.recordsPerSecond()).isPositive();
            assertThat(run.peakRssBytes()).isGreaterThan(10L << 20);
        });
        assertThat(result.runsOf(kafkaStreams)).singleElement()
                .satisfies(run -> assertThat(run.status()).as(run.detail()).isEqualTo(RunStatus.OK));
        assertThat(result.runsOf(lossy)).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.WRONG_OUTPUT);
            assertThat(run.detail()).contains("expected 400 records").contains("missing records");
        });
        assertThat(Files.readString(report)).contains("## Seed filter (at-least-once)")
                .contains("| pipe | ceiling | 1 / 1 |")
                .contains("| lossy | Rill | 0 / 1 |");
    }
}
