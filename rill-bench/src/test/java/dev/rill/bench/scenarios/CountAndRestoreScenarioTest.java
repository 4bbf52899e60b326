package dev.rill.bench.scenarios;

import dev.rill.bench.SideRole;
import dev.rill.bench.Verdict;
import dev.rill.bench.RunContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CountAndRestoreScenarioTest {

    @Test
    void shouldGiveEqualCountDigestsOnlyForEqualCounts() {
        Map<String, Long> expected = new HashMap<>(Map.of("a", 3L, "b", 1L, "unknown", 10L));
        Map<String, Long> sameInOtherOrder = new LinkedHashMap<>();
        sameInOtherOrder.put("unknown", 10L);
        sameInOtherOrder.put("b", 1L);
        sameInOtherOrder.put("a", 3L);
        Map<String, Long> oneCountOff = new HashMap<>(expected);
        oneCountOff.put("a", 4L);
        Map<String, Long> oneKeyMissing = new HashMap<>(expected);
        oneKeyMissing.remove("b");
        Map<String, Long> countsSwapped = new HashMap<>(Map.of("a", 1L, "b", 3L, "unknown", 10L));

        assertThat(CountScenario.digestOfCounts(sameInOtherOrder).matches(CountScenario.digestOfCounts(expected))).isTrue();
        assertThat(CountScenario.digestOfCounts(oneCountOff).verdictAgainst(CountScenario.digestOfCounts(expected), "x")
                .correct()).isFalse();
        assertThat(CountScenario.digestOfCounts(oneKeyMissing).verdictAgainst(CountScenario.digestOfCounts(expected), "x")
                .detail()).contains("missing records");
        assertThat(CountScenario.digestOfCounts(countsSwapped).matches(CountScenario.digestOfCounts(expected))).isFalse();
    }

    @Test
    void shouldAcceptARestoreOnlyWhenRecordsAndKeysAreComplete() {
        assertThat(RestoreScenario.verdict(1000, 1000, 1000).correct()).isTrue();

        Verdict shortRestore = RestoreScenario.verdict(1000, 999, 1000);
        Verdict storeMissingKeys = RestoreScenario.verdict(1000, 1000, 998);
        Verdict scanFailed = RestoreScenario.verdict(1000, 1000, -1);

        assertThat(shortRestore.correct()).isFalse();
        assertThat(shortRestore.detail()).contains("expected 1000").contains("restored 999");
        assertThat(storeMissingKeys.correct()).isFalse();
        assertThat(storeMissingKeys.detail()).contains("returned 998 keys");
        assertThat(scanFailed.correct()).isFalse();
    }

    @Test
    void shouldDescribeTheRestorePhaseFromTheSidesUptimes() {
        assertThat(RestoreScenario.restorePhase(2_500, 4_000)).contains("restoring took 1500 ms");
        assertThat(RestoreScenario.restorePhase(-1, 4_000)).contains("no restore start or end");
    }

    @Test
    void shouldNameChangelogsAndKeysLikeTheRuntimesDo() {
        assertThat(RestoreScenario.changelogOf("restore-rill-streams-r1-abc123"))
                .isEqualTo("restore-rill-streams-r1-abc123-counts-changelog");
        assertThat(RestoreScenario.key(0)).isEqualTo("key-0000000");
        assertThat(RestoreScenario.key(999_999)).isEqualTo("key-0999999");
        assertThat(RestoreScenario.key(12_345_678)).isEqualTo("key-12345678");
    }

    @Test
    void shouldCompareAnchorAnchorWithRillClientsAndRillInBothStatefulScenarios() {
        assertThat(new CountScenario().sides()).extracting(s -> s.role())
                .containsExactly(SideRole.ANCHOR, SideRole.ANCHOR_WITH_RILL_CLIENTS, SideRole.RILL);
        assertThat(new RestoreScenario().sides()).extracting(s -> s.role())
                .containsExactly(SideRole.ANCHOR, SideRole.ANCHOR_WITH_RILL_CLIENTS, SideRole.RILL);
        assertThat(Scenarios.all()).extracting(s -> s.id()).contains("count", "restore");
    }

    @Test
    void shouldRunTheExactlyOnceVariantsOnTheirOwnInputWithStreamsSidesOnly() {
        assertThat(Scenarios.all()).extracting(s -> s.id())
                .contains("seed-filter-eos", "count-eos", "eos-recovery", "eos-recovery-static")
                .doesNotHaveDuplicates();
        assertThat(SeedFilterScenario.exactlyOnce().sides()).extracting(s -> s.role())
                .containsExactly(SideRole.ANCHOR, SideRole.ANCHOR_WITH_RILL_CLIENTS, SideRole.RILL);
        assertThat(CountScenario.exactlyOnce().title()).contains("exactly-once");
        assertThat(new EosRecoveryScenario().sides()).extracting(s -> s.role())
                .containsExactly(SideRole.ANCHOR, SideRole.RILL);
        assertThat(EosRecoveryScenario.staticMembership().title()).contains("static membership");
        assertThat(EosRecoveryScenario.staticMembership().sides()).isEqualTo(new EosRecoveryScenario().sides());
    }

    @Test
    void shouldGiveOnlyTheSideWithRillClientsRillsClientSettings() {
        RunContext anchor = new RunContext(CountScenario.SIDES.get(0), 1, "r1", Path.of("w"), "localhost:1", 100);
        RunContext tuned = new RunContext(CountScenario.SIDES.get(1), 1, "r2", Path.of("w"), "localhost:1", 100);

        Properties plain = CountScenario.streamsProperties(anchor, "in", "out");
        Properties withRillClients = CountScenario.streamsProperties(tuned, "in", "out");

        assertThat(plain.stringPropertyNames()).noneMatch(k -> k.startsWith("producer.") || k.contains("consumer."));
        assertThat(withRillClients).containsEntry("main.consumer.max.poll.records", "2000")
                .containsEntry("restore.consumer.fetch.max.bytes", Integer.toString(8 * 1024 * 1024))
                .containsEntry("producer.linger.ms", "20")
                .containsEntry("producer.batch.size", Integer.toString(256 * 1024));
        withRillClients.keySet().removeIf(k -> k.toString().startsWith("producer.") || k.toString().contains("consumer."));
        plain.setProperty("application.id", "r2");
        assertThat(withRillClients).isEqualTo(plain);
    }
}
