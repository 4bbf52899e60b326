package dev.rill.bench.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void shouldDefaultToFiveRoundsOrTwoInQuickMode() {
        BenchOptions full = BenchOptions.parse();
        BenchOptions quick = BenchOptions.parse("--quick");

        assertThat(full.rounds()).isEqualTo(5);
        assertThat(quick.rounds()).isEqualTo(2);
        assertThat(full.commitIntervalMs()).isEqualTo(100);
        assertThat(full.jvmFlags()).containsExactly("-Xms256m", "-Xmx2g");
        assertThat(full.classpaths()).containsKey("harness");
    }

    @Test
    void shouldParseEveryOption(@TempDir Path dir) throws Exception {
        Path cpFile = Files.writeString(dir.resolve("cp.txt"), "/a.jar:/b.jar\n");

        BenchOptions options = BenchOptions.parse("--rounds", "3", "--scenarios", "seed-filter, connect-sink",
                "--records", "5000", "--commit-interval-ms", "250", "--jvm-flags", "-Xmx1g  -XX:+UseSerialGC",
                "--classpath", "apache-connect=@" + cpFile, "--classpath", "other=/c.jar", "--plugin-path", dir.toString(),
                "--output", "out.md", "--work-dir", "w", "--run-timeout-s", "30", "--latency-rate", "50000");

        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.latencyRate()).isEqualTo(50_000);
        assertThat(options.scenarios()).containsExactly("seed-filter", "connect-sink");
        assertThat(options.records()).isEqualTo(5000);
        assertThat(options.commitIntervalMs()).isEqualTo(250);
        assertThat(options.jvmFlags()).containsExactly("-Xmx1g", "-XX:+UseSerialGC");
        assertThat(options.classpaths()).containsEntry("apache-connect", "/a.jar:/b.jar").containsEntry("other", "/c.jar");
        assertThat(options.pluginPath()).isEqualTo(dir);
        assertThat(options.output()).isEqualTo(Path.of("out.md"));
        assertThat(options.workDir()).isEqualTo(Path.of("w"));
        assertThat(options.runTimeoutSeconds()).isEqualTo(30);
    }

    @Test
    void shouldReportEveryInvalidOptionAtOnce() {
        assertThatThrownBy(() -> BenchOptions.parse("--rounds", "zero", "--fast", "--records", "-5",
                "--classpath", "nameless", "--plugin-path", "/does/not/exist"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rounds expects a positive whole number, found 'zero'")
                .hasMessageContaining("unknown option '--fast'")
                .hasMessageContaining("--records expects a positive whole number, found '-5'")
                .hasMessageContaining("name=classpath or name=@file, found 'nameless'")
                .hasMessageContaining("existing directory, found '/does/not/exist'");
    }

    @Test
    void shouldSayWhichOptionLacksItsValue() {
        assertThatThrownBy(() -> BenchOptions.parse("--quick", "--rounds"))
                .hasMessageContaining("option --rounds needs a value");
    }

    @Test
    void shouldLetTheLastOccurrenceWin() {
        assertThat(BenchOptions.parse("--output", "a.md", "--output", "b.md").output()).isEqualTo(Path.of("b.md"));
        assertThat(BenchOptions.parse("--jvm-flags", "").jvmFlags()).isEqualTo(List.of());
    }
}
