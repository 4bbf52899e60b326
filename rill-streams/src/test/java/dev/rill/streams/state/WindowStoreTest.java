package dev.rill.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.internal.state.StoreKeyStore;
import dev.rill.streams.internal.state.TransactionalStore;
import dev.rill.streams.internal.state.RocksDbMemory;
import dev.rill.streams.internal.state.SegmentedBytesStore;
import dev.rill.streams.internal.state.WindowCacheForwarding;
import dev.rill.streams.kstream.TimeWindow;
import dev.rill.streams.kstream.Windowed;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same window store behaviour on RocksDB and in memory, with and without the write cache and the changelog. */
class WindowStoreTest {
    private static final Duration RETENTION = Duration.ofMinutes(10);
    private static final Duration SIZE = Duration.ofSeconds(10);
    /** Kafka Streams' segment interval for a 10-minute retention: half of it. */
    private static final long SEGMENT = 300_000L;

    @TempDir
    Path dir;

    /**
     * A store kind; {@code transactional}: a RocksDB store buffering an open exactly-once transaction; {@code user}:
     * the RocksDB store behind a window store class of the user's own (Rill sees only the {@code WindowStore}
     * interface, as with a supplier a user writes).
     */
    record Kind(String name, boolean persistent, boolean cache, boolean logging, boolean transactional,
                boolean user) {
        Kind(String name, boolean persistent, boolean cache, boolean logging) {
            this(name, persistent, cache, logging, false, false);
        }

        @Override
        public String toString() {
            return (user ? "user-" : "") + name + (cache ? "+cache" : "") + (logging ? "+logging" : "")
                    + (transactional ? "+eos" : "");
        }

        WindowBytesStoreSupplier supplier(String store, Duration retention, Duration size, boolean duplicates) {
            WindowBytesStoreSupplier builtIn = persistent ? Stores.persistentWindowStore(store, retention, size,
                    duplicates) : Stores.inMemoryWindowStore(store, retention, size, duplicates);
            return user ? UserStores.windows(builtIn) : builtIn;
        }
    }

    static Stream<Arguments> kinds() {
        List<Arguments> out = new ArrayList<>();
        for (boolean persistent : new boolean[] {true, false}) {
            for (boolean cache : new boolean[] {false, true}) {
                for (boolean logging : new boolean[] {false, true}) {
                    out.add(Arguments.of(new Kind(persistent ? "rocksdb" : "in-memory", persistent, cache, logging)));
                }
            }
        }
        for (boolean cache : new boolean[] {false, true}) {
            out.add(Arguments.of(new Kind("rocksdb", true, cache, true, true, false)));
            out.add(Arguments.of(new Kind("rocksdb", true, cache, true, false, true)));
        }
        return out.stream();
    }

    private WindowStore<String, Long> open(Kind kind, FakeStoreContext ctx, Duration retention, boolean duplicates) {
        StoreBuilder<WindowStore<String, Long>> b = Stores.windowStoreBuilder(
                kind.supplier("w", retention, SIZE, duplicates), Serdes.String(), Serdes.Long());
        if (kind.cache()) {
            b.withCachingEnabled();
        }
        if (!kind.logging()) {
            b.withLoggingDisabled();
        }
        WindowStore<String, Long> store = b.build();
        store.init(ctx, store);
        if (kind.transactional()) {
            ((TransactionalStore) ctx.registeredStores.get("w")).beginTransactions();
        }
        return store;
    }

    private WindowStore<String, Long> open(Kind kind, FakeStoreContext ctx) {
        return open(kind, ctx, RETENTION, false);
    }

    private FakeStoreContext context() {
        return new FakeStoreContext(dir.toFile(), 1 << 20);
    }

    private static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> it) {
        List<KeyValue<K, V>> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static KeyValue<Windowed<String>, Long> window(String key, long start, long value) {
        return KeyValue.pair(new Windowed<>(key, new TimeWindow(start, start + SIZE.toMillis())), value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldPutFetchOverwriteAndDeleteWindowsOfOneKey(Kind kind) {
        WindowStore<String, Long> store = open(kind, context());
        store.put("a", 1L, 0);
        store.put("a", 2L, 10_000);
        store.put("a", 3L, 20_000);
        store.put("b", 9L, 10_000);
        store.put("a", 22L, 10_000);
        store.put("a", null, 20_000);
        assertThat(store.fetch("a", 10_000)).isEqualTo(22L);
        assertThat(store.fetch("a", 20_000)).isNull();
        assertThat(drain(store.fetch("a", 0, 30_000))).containsExactly(KeyValue.pair(0L, 1L),
                KeyValue.pair(10_000L, 22L));
        assertThat(drain(store.backwardFetch("a", Instant.ofEpochMilli(0), Instant.ofEpochMilli(30_000))))
                .containsExactly(KeyValue.pair(10_000L, 22L), KeyValue.pair(0L, 1L));
        assertThat(drain(store.fetch("a", 1, 9_999))).isEmpty();
        assertThat(drain(store.fetch("a", 10_000, 0))).isEmpty();
        store.flush();
        assertThat(drain(store.fetch("a", Instant.ofEpochMilli(10_000), Instant.ofEpochMilli(10_000))))
                .containsExactly(KeyValue.pair(10_000L, 22L));
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldReadKeyRangesAndAllInKafkaStreamsOrder(Kind kind) {
        WindowStore<String, Long> store = open(kind, context());
        store.put("b", 1L, 0);
        store.put("a", 2L, 1_000);
        store.put("c", 3L, 1_000);
        store.put("a", 4L, SEGMENT + 5);
        store.put("ab", 5L, 2_000);
        // RocksDB: segment by segment, each in store-key order; in memory: by window start, then key
        List<KeyValue<Windowed<String>, Long>> expected = kind.persistent()
                ? List.of(window("a", 1_000, 2), window("ab", 2_000, 5), window("b", 0, 1), window("c", 1_000, 3),
                        window("a", SEGMENT + 5, 4))
                : List.of(window("b", 0, 1), window("a", 1_000, 2), window("c", 1_000, 3), window("ab", 2_000, 5),
                        window("a", SEGMENT + 5, 4));
        assertThat(drain(store.all())).containsExactlyElementsOf(expected);
        List<KeyValue<Windowed<String>, Long>> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertThat(drain(store.backwardAll())).containsExactlyElementsOf(reversed);
        assertThat(drain(store.fetchAll(1_000, 2_000))).containsExactlyElementsOf(
                expected.stream().filter(kv -> kv.key.window().start() >= 1_000 && kv.key.window().start() <= 2_000)
                        .toList());
        assertThat(drain(store.fetch("a", "b", 0, Long.MAX_VALUE))).containsExactlyElementsOf(
                expected.stream().filter(kv -> kv.key.key().compareTo("b") <= 0).toList());
        assertThat(drain(store.backwardFetch(null, "ab", Instant.ofEpochMilli(0), Instant.ofEpochMilli(5_000))))
                .containsExactlyInAnyOrder(window("a", 1_000, 2), window("ab", 2_000, 5));
        assertThat(drain(store.fetch("b", null, 0, SEGMENT * 2))).extracting(kv -> kv.key.key())
                .containsExactly(kind.persistent() ? new String[] {"b", "c"} : new String[] {"b", "c"});
        assertThat(drain(store.fetch("c", "a", 0, SEGMENT * 2))).isEmpty();
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldNotMixUpKeysThatExtendEachOther(Kind kind) {
        WindowStore<String, Long> store = open(kind, context());
        String longer = "a\u0000";
        for (long t = 0; t < 2 * SEGMENT; t += SEGMENT / 2) {
            store.put("a", t, t);
            store.put(longer, -t, t + 1);
        }
        assertThat(drain(store.fetch("a", 0, 3 * SEGMENT))).extracting(kv -> kv.value)
                .containsExactly(0L, SEGMENT / 2, SEGMENT, 3 * SEGMENT / 2);
        assertThat(drain(store.backwardFetch(longer, 1, SEGMENT + 1))).extracting(kv -> kv.key)
                .containsExactly(SEGMENT + 1, SEGMENT / 2 + 1, 1L);
        assertThat(store.fetch(longer, SEGMENT)).isNull();
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldKeepEveryDuplicateWhenRetainingDuplicates(Kind kind) {
        FakeStoreContext ctx = context();
        WindowStore<String, Long> store = open(kind, ctx, RETENTION, true);
        store.put("a", 1L, 100);
        store.put("a", 2L, 100);
        store.put("a", null, 100);
        store.put("a", 3L, 200);
        assertThat(drain(store.fetch("a", 0, 1_000))).containsExactly(KeyValue.pair(100L, 1L),
                KeyValue.pair(100L, 2L), KeyValue.pair(200L, 3L));
        if (kind.logging()) {
            assertThat(ctx.changelog).extracting(r -> ByteBuffer.wrap(r[0]).getInt(r[0].length - 4))
                    .containsExactly(1, 2, 3, 4);
            assertThat(ctx.changelog.get(2)[1]).as("a delete is logged as a tombstone, as Kafka Streams does").isNull();
        }
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldDropAndHideWindowsPastRetention(Kind kind) {
        WindowStore<String, Long> store = open(kind, context(), Duration.ofMinutes(1), false);
        store.put("a", 1L, 0);
        store.put("a", 2L, 30_000);
        store.put("a", 3L, 100_000);
        store.flush();
        // observed stream time 100000, retention 60000: windows starting at or before 40000 are gone
        assertThat(drain(store.fetch("a", 0, 200_000))).containsExactly(KeyValue.pair(100_000L, 3L));
        assertThat(drain(store.all())).containsExactly(KeyValue.pair(
                new Windowed<>("a", new TimeWindow(100_000, 110_000)), 3L));
        store.put("a", 4L, 10_000);
        store.flush();
        assertThat(drain(store.fetchAll(0, 200_000))).extracting(kv -> kv.value).containsExactly(3L);
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldRestoreFromItsOwnChangelog(Kind kind) {
        if (!kind.logging()) {
            return;
        }
        FakeStoreContext ctx = context();
        WindowStore<String, Long> store = open(kind, ctx);
        store.put("a", 1L, 0);
        store.put("b", 2L, 1_000);
        store.put("a", 3L, 1_000);
        store.put("b", null, 1_000);
        store.flush();
        List<KeyValue<Windowed<String>, Long>> before = drain(store.all());
        store.close();

        FakeStoreContext restoreCtx = new FakeStoreContext(dir.resolve("restored").toFile(), 1 << 20);
        WindowStore<String, Long> restored = open(kind, restoreCtx);
        for (byte[][] record : ctx.changelog) {
            restoreCtx.registered.get("w").restore(record[0], record[1]);
        }
        assertThat(drain(restored.all())).containsExactlyElementsOf(before).hasSize(2);
        assertThat(restoreCtx.changelog).isEmpty();
        restored.close();
    }

    @Test
    void shouldLogKafkaStreamsWindowStoreKeys() {
        FakeStoreContext ctx = context();
        WindowStore<String, Long> store = open(new Kind("rocksdb", true, false, true), ctx);
        store.put("ab", 7L, 0x0102030405L);
        byte[] expected = ByteBuffer.allocate(2 + 12).put("ab".getBytes(StandardCharsets.UTF_8))
                .putLong(0x0102030405L).putInt(0).array();
        assertThat(ctx.changelog).hasSize(1);
        assertThat(ctx.changelog.get(0)[0]).isEqualTo(expected);
        assertThat(ctx.changelog.get(0)[1]).isEqualTo(Serdes.Long().serializer().serialize("t", 7L));
        store.close();
    }

    @Test
    void shouldReopenPersistentSegmentsFromDisk() {
        Kind kind = new Kind("rocksdb", true, false, false);
        WindowStore<String, Long> store = open(kind, context());
        store.put("a", 1L, 0);
        store.put("a", 2L, SEGMENT * 1 + 1);
        store.flush();
        store.close();
        WindowStore<String, Long> reopened = open(kind, context());
        assertThat(drain(reopened.fetch("a", 0, SEGMENT * 2))).extracting(kv -> kv.value).containsExactly(1L, 2L);
        reopened.close();
    }

    @Test
    void shouldDropExpiredSegmentsAsWholeColumnFamiliesWithoutDeletingKeys() {
        FakeStoreContext ctx = context();
        WindowBytesStoreSupplier supplier = Stores.persistentWindowStore("seg", Duration.ofMinutes(2),
                Duration.ofSeconds(1), false);
        assertThat(supplier.segmentIntervalMs()).isEqualTo(60_000L);
        WindowStore<Bytes, byte[]> bytes = supplier.get();
        SegmentedBytesStore segments = (SegmentedBytesStore) ((StoreKeyStore) bytes).storeKeyStore();
        StoreBuilder<WindowStore<String, Long>> b = Stores.windowStoreBuilder(supplier, Serdes.String(),
                Serdes.Long());
        WindowStore<String, Long> store = b.build();
        store.init(ctx, store);
        File storeDir = dir.resolve("rocksdb").resolve("seg").toFile();
        for (int i = 0; i < 100; i++) {
            store.put("k" + i, (long) i, 0);
            store.put("k" + i, (long) i, 60_000);
            store.put("k" + i, (long) i, 120_000);
        }
        assertThat(SegmentFamilies.of(storeDir)).containsExactlyInAnyOrder("seg.0", "seg.60000", "seg.120000");
        int logged = ctx.changelog.size();
        store.put("k", 1L, 300_000);
        // observed stream time 300000 - retention 120000 = 180000, in segment 3: segments 0, 1 and 2 go as units
        SegmentedBytesStore.awaitDroppedSegments(); // their column families leave the database in the background
        assertThat(SegmentFamilies.of(storeDir)).containsExactly("seg.300000");
        assertThat(ctx.changelog).hasSize(logged + 1);
        assertThat(drain(store.fetchAll(0, 400_000))).hasSize(1);
        store.close();
        // the byte store a supplier hands out on its own keeps segments the same way
        bytes.init(new FakeStoreContext(dir.resolve("alone").toFile(), 0), bytes);
        bytes.put(Bytes.wrap(new byte[] {1}), new byte[] {1}, 0);
        bytes.put(Bytes.wrap(new byte[] {1}), new byte[] {2}, 200_000);
        assertThat(segments.segmentIds()).containsExactly(3L);
        bytes.close();
    }

    /**
     * Disk use stays flat on a long run: an hour of event time, 2 000 keys a minute, a 2-minute retention in 1-minute
     * segments. The store directory's size is measured after every minute; past the first minutes it stays within
     * the same band, since expired segments go as whole column families.
     */
    @Test
    void diskUseStaysFlatAsRetentionDropsSegments() throws Exception {
        WindowBytesStoreSupplier supplier = Stores.persistentWindowStore("flat", Duration.ofMinutes(2),
                Duration.ofSeconds(1), false);
        WindowStore<String, Long> store = Stores.windowStoreBuilder(supplier, Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(new FakeStoreContext(dir.toFile(), 0), store);
        Path storeDir = dir.resolve("rocksdb").resolve("flat");
        List<Long> sizes = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            for (int k = 0; k < 2_000; k++) {
                store.put("key-" + k, (long) minute * k, minute * 60_000L + k);
            }
            store.flush();
            SegmentedBytesStore.awaitDroppedSegments();
            sizes.add(directorySize(storeDir));
        }
        store.close();
        long early = sizes.subList(5, 30).stream().mapToLong(Long::longValue).max().orElseThrow();
        long late = sizes.subList(30, 60).stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("Window store disk use, 2 000 keys a minute, 2-minute retention: after minute 5..29 at most "
                + "%d bytes, after minute 30..59 at most %d bytes (%d written in all)%n", early, late, 60 * 2_000);
        assertThat(late).as("disk use in the second half hour vs the first").isLessThanOrEqualTo(early * 3 / 2);
        assertThat(SegmentFamilies.of(storeDir.toFile())).as("live segments").hasSizeLessThanOrEqualTo(3);
    }

    /**
     * A RocksDB segment's reads reuse one iterator, refreshed before each read: it sees every later write, delete and
     * flush, and it is closed before its segment is dropped or the store closes.
     */
    @Test
    void readsThroughReusedIteratorsSeeLaterWritesDeletesAndFlushes() {
        FakeStoreContext ctx = context();
        WindowStore<String, Long> store = Stores.windowStoreBuilder(Stores.persistentWindowStore("w",
                Duration.ofHours(8), Duration.ofSeconds(1), false), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(ctx, store);
        SegmentedBytesStore bytes = (SegmentedBytesStore) ctx.registeredStores.get("w");
        Instant from = Instant.ofEpochMilli(0);
        Instant to = Instant.ofEpochMilli(10_000);
        store.put("a", 1L, 0);
        assertThat(drain(store.fetch("a", from, to))).extracting(kv -> kv.value).containsExactly(1L);
        store.put("a", 2L, 1_000);
        store.put("b", 9L, 1_000);
        assertThat(drain(store.fetch("a", from, to))).extracting(kv -> kv.value).containsExactly(1L, 2L);
        store.flush(); // the segment's memtable becomes a file: the refreshed iterator reads both
        store.put("a", 3L, 2_000);
        assertThat(drain(store.fetch("a", from, to))).extracting(kv -> kv.value).containsExactly(1L, 2L, 3L);
        store.put("a", null, 1_000);
        store.put("a", 4L, 0);
        assertThat(drain(store.fetch("a", from, to))).extracting(kv -> kv.value).containsExactly(4L, 3L);
        assertThat(bytes.openReaders()).isEqualTo(1);

        // a later segment gets its own; when retention drops a segment, its iterator goes first
        long interval = bytes.segmentInterval();
        for (int i = 1; i <= 6; i++) {
            store.put("s", (long) i, i * interval);
            assertThat(store.fetch("s", from, Instant.ofEpochMilli(i * interval + 1)))
                    .toIterable().extracting(kv -> kv.value).last().isEqualTo((long) i);
            assertThat(bytes.openReaders()).isEqualTo(bytes.segmentIds().size());
        }
        store.close();
        assertThat(bytes.openReaders()).isZero();
    }

    /**
     * Expired segments leave nothing in the shared block cache: 10 000 keys a minute over 24 minutes of event time, a
     * 2-minute retention in 1-minute segments, each minute flushed to disk and read back (which loads its blocks into
     * the cache). The cache's usage after each minute stays flat instead of growing with every dropped segment.
     */
    @Test
    void blockCacheUsageStaysFlatAsRetentionDropsSegments() {
        long bound = 48L * 1024 * 1024 + 4099; // a bound no other test uses: a block cache of its own
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 0);
        ctx.appConfigs.put(StreamsConfig.ROCKSDB_MEMORY_MAX_BYTES_CONFIG, bound);
        RocksDbMemory memory = RocksDbMemory.shared(bound);
        WindowStore<String, Long> store = Stores.windowStoreBuilder(Stores.persistentWindowStore("cached",
                Duration.ofMinutes(2), Duration.ofSeconds(1), false), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(ctx, store);
        List<Long> usage = new ArrayList<>();
        for (int minute = 0; minute < 24; minute++) {
            long start = minute * 60_000L;
            for (int k = 0; k < 10_000; k++) {
                store.put("key-" + k, (long) k, start + k);
            }
            store.flush();
            for (int k = 0; k < 10_000; k++) {
                assertThat(store.fetch("key-" + k, start + k)).isEqualTo(k);
            }
            SegmentedBytesStore.awaitDroppedSegments();
            usage.add(memory.cacheUsageBytes());
        }
        store.close();
        long early = usage.subList(3, 12).stream().mapToLong(Long::longValue).max().orElseThrow();
        long late = usage.subList(12, 24).stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("Block cache usage, 10 000 keys a minute, 2-minute retention: after minute 3..11 at most %d "
                + "bytes, after minute 12..23 at most %d bytes%n", early, late);
        assertThat(late).as("block cache usage in the second half vs the first").isLessThanOrEqualTo(early * 3 / 2);
    }

    private static long directorySize(Path root) throws java.io.IOException {
        try (Stream<Path> files = java.nio.file.Files.walk(root)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldForwardWrittenThroughWindowsWithTheirRecordTimestamp(Kind kind) {
        WindowStore<String, Long> store = open(kind, context());
        @SuppressWarnings("unchecked")
        WindowCacheForwarding<String, Long> forwarding = (WindowCacheForwarding<String, Long>) store;
        List<String> forwarded = new ArrayList<>();
        boolean cached = forwarding.setFlushListener((k, nv, ov, ts, h) -> forwarded.add(k.key() + "@"
                + k.window().start() + "-" + k.window().end() + "=" + nv + "/" + ov + "@" + ts), true);
        assertThat(cached).isEqualTo(kind.cache());
        forwarding.put("a", 1L, 10_000, 11_000, new RecordHeaders());
        forwarding.put("a", 2L, 10_000, 12_000, new RecordHeaders());
        store.flush();
        if (kind.cache()) {
            assertThat(forwarded).containsExactly("a@10000-20000=2/null@12000");
        } else {
            assertThat(forwarded).isEmpty();
        }
        assertThat(store.fetch("a", 10_000)).isEqualTo(2L);
        store.close();
    }

    @Test
    void shouldRejectInvalidArgumentsAsKafkaStreams() {
        assertThatThrownBy(() -> Stores.persistentWindowStore(null, RETENTION, SIZE, false))
                .isInstanceOf(NullPointerException.class).hasMessage("name cannot be null");
        assertThatThrownBy(() -> Stores.inMemoryWindowStore("w", Duration.ofMillis(-1), Duration.ZERO, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retentionPeriod cannot be negative");
        assertThatThrownBy(() -> Stores.persistentWindowStore("w", RETENTION, Duration.ofMillis(-1), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("windowSize cannot be negative");
        assertThatThrownBy(() -> Stores.persistentWindowStore("w", Duration.ofSeconds(1), Duration.ofSeconds(2),
                false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The retention period of the window store w must be no smaller than its window size. "
                        + "Got size=[PT2S], retention=[PT1S]");
        assertThatThrownBy(() -> Stores.persistentWindowStore("w", null, SIZE, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for parameter \"retentionPeriod\" (value was: null). It shouldn't be null.");
        assertThatThrownBy(() -> Stores.windowStoreBuilder(null, Serdes.String(), Serdes.Long()))
                .isInstanceOf(NullPointerException.class).hasMessage("supplier cannot be null");
        WindowStore<String, Long> store = open(new Kind("in-memory", false, false, false), context());
        assertThatThrownBy(() -> store.put(null, 1L, 0)).isInstanceOf(NullPointerException.class)
                .hasMessage("key cannot be null");
        assertThatThrownBy(() -> store.fetch(null, 0, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.fetch("a", null, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for parameter \"timeFrom\" (value was: null). It shouldn't be null.");
        assertThatThrownBy(() -> store.fetchAll(Instant.EPOCH, Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"timeTo\"")
                .hasMessageContaining("It can't be converted to milliseconds.");
        store.close();
    }

    @Test
    void shouldDeriveKafkaStreamsSegmentIntervals() {
        assertThat(Stores.persistentWindowStore("w", Duration.ofHours(1), SIZE, false).segmentIntervalMs())
                .isEqualTo(1_800_000L);
        assertThat(Stores.persistentWindowStore("w", Duration.ofSeconds(30), SIZE, false).segmentIntervalMs())
                .isEqualTo(60_000L);
        assertThat(Stores.inMemoryWindowStore("w", Duration.ofHours(1), SIZE, true).segmentIntervalMs())
                .isEqualTo(1L);
        WindowBytesStoreSupplier s = Stores.persistentTimestampedWindowStore("w", Duration.ofHours(1), SIZE, true);
        assertThat(Arrays.asList(s.windowSize(), s.retentionPeriod(), s.retainDuplicates(), s.metricsScope()))
                .containsExactly(10_000L, 3_600_000L, true, "rocksdb-window");
    }
}
