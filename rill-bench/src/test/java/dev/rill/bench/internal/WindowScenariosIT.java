package dev.rill.bench.internal;

import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.scenarios.StreamJoinScenario;
import dev.rill.bench.scenarios.WindowedCountScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the windowed count and the stream–stream join tiny, end to end: Kafka Streams and Rill Streams must both be
 * verified (so they agree on every count per window and every join result), and a side with half the window must be
 * rejected. Measures nothing.
 */
class WindowScenariosIT {

    private static final Side MISWINDOWED =
            Side.onHarnessClasspath("miswindowed", SideRole.ANCHOR_WITH_RILL_CLIENTS, "dev.rill.bench.sides.MiswindowedMain");

    @Test
    void shouldVerifyBothRuntimesAndRejectAWrongWindow(@TempDir Path dir) throws Exception {
        Side kafkaStreams = WindowedCountScenario.SIDES.get(0);
        Side rill = WindowedCountScenario.SIDES.get(2);
        Side kafkaStreamsJoin = StreamJoinScenario.SIDES.get(0);
        Side rillJoin = StreamJoinScenario.SIDES.get(2);
        Path report = dir.resolve("performance.md");

        List<ScenarioResult> results = BenchRun.fromArgs(List.of(
                        new WindowedCountScenario(List.of(kafkaStreams, MISWINDOWED, rill), Duration.ofMinutes(30)),
                        new StreamJoinScenario(List.of(kafkaStreamsJoin, MISWINDOWED, rillJoin), Duration.ofMinutes(10))),
                "--records", "5000", "--rounds", "1", "--jvm-flags", "-Xmx256m", "--run-timeout-s", "180",
                "--output", report.toString(), "--work-dir", dir.resolve("runs").toString()).run();

        ScenarioResult windowed = results.get(0);
        for (Side side : List.of(kafkaStreams, rill)) {
            assertThat(windowed.runsOf(side)).singleElement().satisfies(run -> {
                assertThat(run.status()).as(side.name() + ": " + run.detail()).isEqualTo(RunStatus.OK);
                assertThat(run.detail()).contains("as expected");
                assertThat(run.measurements().get(WindowedCountScenario.STATE_DIR_MIB)).isPositive();
                assertThat(run.measurements().get(WindowedCountScenario.OUTPUT_RECORDS_K)).isPositive();
            });
        }
        assertThat(windowed.runsOf(MISWINDOWED)).singleElement()
                .satisfies(run -> assertThat(run.status()).as(run.detail()).isEqualTo(RunStatus.WRONG_OUTPUT));

        ScenarioResult join = results.get(1);
        for (Side side : List.of(kafkaStreamsJoin, rillJoin)) {
            assertThat(join.runsOf(side)).singleElement().satisfies(run -> {
                assertThat(run.status()).as(side.name() + ": " + run.detail()).isEqualTo(RunStatus.OK);
                assertThat(run.measurements().get(WindowedCountScenario.STATE_DIR_MIB)).isPositive();
            });
        }
        assertThat(join.runsOf(MISWINDOWED)).singleElement().satisfies(run -> {
            assertThat(run.status()).as(run.detail()).isEqualTo(RunStatus.WRONG_OUTPUT);
            assertThat(run.detail()).contains("missing records");
        });
        assertThat(Files.readString(report)).contains("## Windowed count").contains("## Stream–stream join")
                .contains("state dir (MiB) median");
    }
}
