package dev.rill.bench.internal;

import dev.rill.bench.Side;
import dev.rill.bench.scenarios.LatencyScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the latency scenario end to end at a tiny rate (500 records/s for 8 s, quick mode) with Kafka Streams and
 * Rill Streams: both must keep up, give the expected output and get latency figures. Measures nothing.
 */
class LatencyScenarioIT {

    @Test
    void shouldMeasureLatencyPercentilesOfVerifiedRuns(@TempDir Path dir) throws Exception {
        Side kafkaStreams = LatencyScenario.SIDES.get(0);
        Side rill = LatencyScenario.SIDES.get(2);
        Path report = dir.resolve("performance.md");

        List<ScenarioResult> results = BenchRun.fromArgs(List.of(new LatencyScenario(List.of(kafkaStreams, rill))),
                "--quick", "--latency-rate", "500", "--rounds", "1", "--jvm-flags", "-Xmx256m",
                "--run-timeout-s", "180", "--output", report.toString(), "--work-dir", dir.resolve("runs").toString()).run();

        assertThat(results.get(0).runs()).hasSize(2).allSatisfy(run -> {
            assertThat(run.status()).as(run.detail()).isEqualTo(RunStatus.OK);
            assertThat(run.measurements()).containsKeys("latency p50 (ms)", "latency p99 (ms)", "latency p99.9 (ms)");
            assertThat(run.measurements().get("latency p50 (ms)")).isBetween(0.0, 60_000.0);
            assertThat(run.measurements().get("latency p99 (ms)"))
                    .isGreaterThanOrEqualTo(run.measurements().get("latency p50 (ms)"));
            assertThat(run.measurements().get("input rate reached (k rec/s)")).isBetween(0.3, 0.7);
        });
        assertThat(Files.readString(report)).contains("## Seed filter latency at a fixed rate")
                .contains("500 records/s (given with --latency-rate)")
                .contains("| side | latency p50 (ms) median |");
    }
}
