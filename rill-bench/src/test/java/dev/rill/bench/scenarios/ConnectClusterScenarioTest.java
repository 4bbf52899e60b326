package dev.rill.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.bench.SideRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectClusterScenarioTest {
    @TempDir
    Path dir;

    @Test
    void bothVariantsAreListedAndCompareApacheDistributedWithRill() {
        assertThat(Scenarios.all()).extracting(s -> s.id()).contains("connect-cluster", "connect-failover")
                .doesNotHaveDuplicates();
        assertThat(ConnectClusterScenario.failover().sides()).extracting(s -> s.role())
                .containsExactly(SideRole.ANCHOR, SideRole.RILL);
        assertThat(ConnectClusterScenario.failover().sides()).extracting(s -> s.mainClass()).containsExactly(
                "org.apache.kafka.connect.cli.ConnectDistributed", "dev.rill.bench.sides.RillConnectDistributedMain");
        assertThat(ConnectClusterScenario.throughput().title()).contains("two workers");
    }

    @Test
    void theTailCountsDistinctExpectedValuesOfCompleteLinesOnly() throws Exception {
        Path file = dir.resolve("sink.txt");
        SinkFileTail tail = new SinkFileTail(file, Set.of("a", "b", "c"));
        tail.poll(); // no file yet
        assertThat(tail.distinct()).isZero();

        append(file, "a\nb\nc"); // "c" is still being written
        tail.poll();
        assertThat(tail.distinct()).isEqualTo(2);
        assertThat(tail.lines()).isEqualTo(2);

        append(file, "\na\nnot-expected\n"); // "c" completed, "a" written twice, a stray line
        tail.poll();
        assertThat(tail.distinct()).isEqualTo(3);
        assertThat(tail.lines()).isEqualTo(5);
        assertThat(tail.missing()).isZero();
        tail.poll(); // nothing new
        assertThat(tail.lines()).isEqualTo(5);
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
