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
 * {@code commit}, every segment together with the changelog offsets in one atomic batch; a close without commit drops
 * them.
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
    void shouldStoreTheOffsetsOfTheLastCommitThatWroteAnything() {
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
     * A process killed after a commit, simulated by copying the open store's database (its WAL holds the commit; no
     * memtable was flushed): the copy holds every segment's writes of that commit with its offsets, and nothing of the
     * open transaction after it.
     */
    @Test
    void shouldRecoverTheLastCommitOfEverySegmentAfterACrash() throws Exception {
        WindowStore<String, Long> store = open(dir.resolve("live"), true);
        tx().beginTransactions();
        store.put("a", 1L, 1_000);
        store.put("a", 2L, SEGMENT + 1);
        tx().commit(Map.of(CHANGELOG, 2L));
        store.put("a", 10L, 1_000);
        store.put("a", 20L, SEGMENT + 1);
        tx().commit(Map.of(CHANGELOG, 4L));
        store.put("a", 100L, 1_000);
        store.put("a", 300L, 2 * SEGMENT);
        java.nio.file.Files.createDirectories(dir.resolve("crashed/rocksdb"));
        copy(dir.resolve("live/rocksdb/w"), dir.resolve("crashed/rocksdb/w"));
        java.nio.file.Files.deleteIfExists(dir.resolve("crashed/rocksdb/w/LOCK"));
        store.close();

        WindowStore<String, Long> recovered = open(dir.resolve("crashed"), true);
        assertThat(tx().beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 4L));
        assertThat(all(recovered)).containsExactly("a@1000=10", "a@" + (SEGMENT + 1) + "=20");
        recovered.close();
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) {
                java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()));
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

    /**
     * A store an earlier version wrote, one RocksDB database per segment in {@code rocksdb/w/w.<start>} with the
     * changelog offsets of each segment's last commit, is moved into the column families of one database when it
     * opens: same entries, the least offset over the segments, and the segment directories gone.
     */
    @Test
    void shouldMoveSegmentDatabasesOfAnEarlierVersionIntoColumnFamilies() throws Exception {
        Path storeDir = dir.resolve("rocksdb/w");
        writeOldSegment(storeDir.resolve("w.0"), Map.of("a", 1_000L, "b", 2_000L), 7L);
        writeOldSegment(storeDir.resolve("w." + SEGMENT), Map.of("a", SEGMENT + 1), 5L);

        WindowStore<String, Long> store = open();
        assertThat(storeDir.resolve("w.0")).doesNotExist();
        assertThat(storeDir.resolve("w." + SEGMENT)).doesNotExist();
        assertThat(SegmentFamilies.of(storeDir.toFile())).containsExactlyInAnyOrder("w.0", "w." + SEGMENT);
        assertThat(tx().beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 5L));
        assertThat(all(store)).containsExactly("a@1000=1000", "b@2000=2000", "a@" + (SEGMENT + 1) + "=" + (SEGMENT + 1));
        store.close();

        WindowStore<String, Long> reopened = open();
        assertThat(tx().beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 5L));
        assertThat(all(reopened)).hasSize(3);
        reopened.close();
    }

    /** A segment database as an earlier version wrote it: entries (value = window start) and changelog offsets. */
    private static void writeOldSegment(Path where, Map<String, Long> windows, long offset) throws Exception {
        java.nio.file.Files.createDirectories(where);
        List<org.rocksdb.ColumnFamilyHandle> handles = new ArrayList<>();
        try (org.rocksdb.DBOptions options = new org.rocksdb.DBOptions().setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true);
             org.rocksdb.ColumnFamilyOptions cfOptions = new org.rocksdb.ColumnFamilyOptions();
             org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(options, where.toString(), List.of(
                     new org.rocksdb.ColumnFamilyDescriptor(org.rocksdb.RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                     new org.rocksdb.ColumnFamilyDescriptor("rill-changelog-offsets".getBytes(), cfOptions)),
                     handles)) {
            for (Map.Entry<String, Long> w : windows.entrySet()) {
                byte[] key = dev.rill.streams.internal.state.TimeKeySchema.windowKey(
                        Serdes.String().serializer().serialize("t", w.getKey()), w.getValue(), 0);
                db.put(handles.get(0), key, Serdes.Long().serializer().serialize("t", w.getValue()));
            }
            db.put(handles.get(1), (CHANGELOG.topic() + " " + CHANGELOG.partition()).getBytes(),
                    java.nio.ByteBuffer.allocate(8).putLong(offset).array());
            handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
        }
    }
}
