package dev.rill.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.KeyValue;
import dev.rill.streams.internal.state.TransactionalStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segmented RocksDB window store in transactional mode (exactly-once): the open transaction's writes, spread over
 * several segments, are visible to point reads and fetch iterators at once but reach the segments on disk only with
 * {@code commit}, each segment together with the changelog offsets; a close without commit drops them.
 */
class TransactionalWindowStoreTest {
    private static final TopicPartition CHANGELOG = new TopicPartition("app-w-changelog", 1);
    /** The segment interval of a window store with a 10-minute retention. */
    private static final long SEGMENT = 300_000L;

    @TempDir
    Path dir;

    private FakeStoreContext ctx;

    private WindowStore<String, Long> open(Path where, boolean logging) {
        ctx = new FakeStoreContext(where.toFile(), 0);
        StoreBuilder<WindowStore<String, Long>> b = Stores.windowStoreBuilder(
                Stores.persistentWindowStore("w", Duration.ofMinutes(10), Duration.ofSeconds(10), false),
                Serdes.String(), Serdes.Long());
        if (!logging) {
            b.withLoggingDisabled();
        }
        WindowStore<String, Long> store = b.build();
        store.init(ctx, store);
        return store;
    }

    private WindowStore<String, Long> open() {
        return open(dir, false);
    }

    private TransactionalStore tx() {
        return (TransactionalStore) ctx.registeredStores.get("w");
    }

    private static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> it) {
        List<KeyValue<K, V>> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> all(WindowStore<String, Long> store) {
        return drain(store.all()).stream().map(kv -> kv.key.key() + "@" + kv.key.window().start() + "=" + kv.value)
                .toList();
    }

    @Test
    void shouldReadUncommittedWritesOfEverySegmentOverTheCommittedState() {
        WindowStore<String, Long> store = open();
        assertThat(tx().beginTransactions()).isEmpty();
        store.put("a", 1L, 1_000);
        store.put("a", 2L, SEGMENT + 1);
        store.put("b", 3L, 1_000);
        tx().commit(Map.of(CHANGELOG, 3L));
        store.put("a", 10L, 1_000);
        store.put("b", null, 1_000);
        store.put("a", 30L, 2 * SEGMENT);

        assertThat(store.fetch("a", 1_000)).isEqualTo(10L);
        assertThat(store.fetch("b", 1_000)).isNull();
        assertThat(drain(store.fetch("a", 0, 3 * SEGMENT))).containsExactly(KeyValue.pair(1_000L, 10L),
                KeyValue.pair(SEGMENT + 1, 2L), KeyValue.pair(2 * SEGMENT, 30L));
        assertThat(drain(store.backwardFetch("a", java.time.Instant.EPOCH, java.time.Instant.ofEpochMilli(
                3 * SEGMENT)))).extracting(kv -> kv.value).containsExactly(30L, 2L, 10L);
        assertThat(drain(store.fetch("a", "b", 0, SEGMENT))).extracting(kv -> kv.value).containsExactly(10L);
        assertThat(all(store)).containsExactly("a@1000=10", "a@" + (SEGMENT + 1) + "=2",
                "a@" + (2 * SEGMENT) + "=30");
        store.close();
    }

    @Test
    void shouldDropTheOpenTransactionOnCloseAndKeepTheCommittedStateAndOffsets() {
        WindowStore<String, Long> store = open();
        tx().beginTransactions();
        store.put("a", 1L, 1_000);
        store.put("a", 2L, SEGMENT + 1);
        store.put("b", 3L, 1_000);
        tx().commit(Map.of(CHANGELOG, 3L));
        store.put("a", 10L, 1_000);
        store.put("b", null, 1_000);
        store.put("a", 30L, 2 * SEGMENT);
        store.close(); // an abort: the task closes its stores

        WindowStore<String, Long> reopened = open();
        assertThat(tx().beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 3L));
        assertThat(all(reopened)).containsExactly("a@1000=1", "b@1000=3", "a@" + (SEGMENT + 1) + "=2");
        reopened.close();
    }

    @Test
    void shouldRecordEveryCommitInEverySegmentSoTheLeastOffsetIsTheLatestCommit() {
        WindowStore<String, Long> store = open();
        tx().beginTransactions();
        store.put("a", 1L, 0);
        store.put("a", 2L, SEGMENT + 1);
        tx().commit(Map.of(CHANGELOG, 2L));
        store.put("a", 3L, SEGMENT + 1); // only the second segment is written
        tx().commit(Map.of(CHANGELOG, 9L));
        tx().commit(Map.of(CHANGELOG, 11L)); // nothing buffered: nothing written
        store.close();

        WindowStore<String, Long> reopened = open();
        assertThat(tx().beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 9L));
        assertThat(all(reopened)).containsExactly("a@0=1", "a@" + (SEGMENT + 1) + "=3");
        reopened.close();
    }

    /**
     * A crash between two segments' commit batches, simulated by putting back a copy of one segment taken one commit
     * earlier: the store resumes from the older offset, and replaying that commit's changelog records rewrites the
     * segment that already held them with the same values.
     */
    @Test
    void shouldResumeFromTheLeastOffsetWhenACrashLeftOneSegmentACommitBehind() throws Exception {
        WindowStore<String, Long> store = open(dir, true);
        tx().beginTransactions();
        store.put("a", 1L, 1_000);
        store.put("a", 2L, SEGMENT + 1);
        tx().commit(Map.of(CHANGELOG, 2L));
        store.close();
        Path second = dir.resolve("rocksdb/w/w." + SEGMENT);
        Path behind = dir.resolve("second-segment-at-offset-2");
        copy(second, behind);

        store = open(dir, true);
        tx().beginTransactions();
        store.put("a", 10L, 1_000);
        store.put("a", 20L, SEGMENT + 1);
        List<byte[][]> secondCommit = new ArrayList<>(ctx.changelog);
        tx().commit(Map.of(CHANGELOG, 4L));
        store.close();
        deleteRecursively(second);
        copy(behind, second);

        WindowStore<String, Long> reopened = open(dir, true);
        assertThat(tx().beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 2L));
        assertThat(all(reopened)).containsExactly("a@1000=10", "a@" + (SEGMENT + 1) + "=2");
        tx().restoreBatch(secondCommit, CHANGELOG, 4L);
        assertThat(all(reopened)).containsExactly("a@1000=10", "a@" + (SEGMENT + 1) + "=20");
        reopened.close();
        WindowStore<String, Long> again = open(dir, true);
        assertThat(tx().beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 4L));
        again.close();
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) {
                java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        try (var walk = java.nio.file.Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    @Test
    void shouldRestoreIntoTheSegmentsWithTheOffsetAfterTheBatch() {
        WindowStore<String, Long> source = open(dir.resolve("source"), true);
        source.put("a", 1L, 0);
        source.put("a", 2L, SEGMENT + 1);
        source.put("a", null, 0);
        source.put("b", 4L, 2 * SEGMENT);
        List<byte[][]> changelog = new ArrayList<>(ctx.changelog);
        source.close();

        WindowStore<String, Long> store = open();
        tx().beginTransactions();
        tx().restoreBatch(changelog, CHANGELOG, 4L);
        store.close();

        WindowStore<String, Long> reopened = open();
        assertThat(tx().beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 4L));
        assertThat(all(reopened)).containsExactly("a@" + (SEGMENT + 1) + "=2", "b@" + 2 * SEGMENT + "=4");
        reopened.close();
    }

    @Test
    void shouldHaveNoPositionWhenASegmentWasWrittenOutsideATransaction() {
        WindowStore<String, Long> store = open();
        tx().beginTransactions();
        store.put("a", 1L, 0);
        tx().commit(Map.of(CHANGELOG, 1L));
        store.close();

        WindowStore<String, Long> atLeastOnce = open();
        tx().dropCommittedOffsets();
        atLeastOnce.put("a", 2L, SEGMENT);
        atLeastOnce.flush();
        atLeastOnce.close();

        WindowStore<String, Long> again = open();
        assertThat(tx().beginTransactions()).isEmpty();
        again.close();
    }
}
