package dev.rill.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.KeyValue;
import dev.rill.streams.internal.state.BulkRestorable;
import dev.rill.streams.internal.state.MeteredKeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same store behaviour on RocksDB and in memory, with and without the write cache. */
class KeyValueStoreTest {
    @TempDir
    Path dir;

    static Stream<Arguments> kinds() {
        Function<String, KeyValueBytesStoreSupplier> rocks = Stores::persistentKeyValueStore;
        Function<String, KeyValueBytesStoreSupplier> memory = Stores::inMemoryKeyValueStore;
        Function<String, KeyValueBytesStoreSupplier> lru = n -> Stores.lruMap(n, 10_000);
        return Stream.of(Arguments.of("rocksdb", rocks, false), Arguments.of("rocksdb+cache", rocks, true),
                Arguments.of("in-memory", memory, false), Arguments.of("in-memory+cache", memory, true),
                Arguments.of("lru", lru, false), Arguments.of("lru+cache", lru, true));
    }

    private KeyValueStore<String, Long> open(Function<String, KeyValueBytesStoreSupplier> kind, boolean cache,
                                             FakeStoreContext ctx) {
        StoreBuilder<KeyValueStore<String, Long>> b = Stores.keyValueStoreBuilder(kind.apply("s"), Serdes.String(),
                Serdes.Long());
        if (cache) {
            b.withCachingEnabled();
        }
        KeyValueStore<String, Long> store = b.build();
        store.init(ctx, store);
        return store;
    }

    private static List<KeyValue<String, Long>> drain(KeyValueIterator<String, Long> it) {
        List<KeyValue<String, Long>> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldPutGetAndDelete(String name, Function<String, KeyValueBytesStoreSupplier> kind, boolean cache) {
        KeyValueStore<String, Long> store = open(kind, cache, new FakeStoreContext(dir.toFile(), 1 << 20));
        store.put("a", 1L);
        store.put("b", 2L);
        assertThat(store.get("a")).isEqualTo(1L);
        assertThat(store.putIfAbsent("a", 5L)).isEqualTo(1L);
        assertThat(store.putIfAbsent("c", 3L)).isNull();
        assertThat(store.delete("b")).isEqualTo(2L);
        assertThat(store.get("b")).isNull();
        store.put("c", null);
        assertThat(store.get("c")).isNull();
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldIterateRangesInKeyOrderIncludingUnflushedWrites(String name,
                                                               Function<String, KeyValueBytesStoreSupplier> kind,
                                                               boolean cache) {
        KeyValueStore<String, Long> store = open(kind, cache, new FakeStoreContext(dir.toFile(), 1 << 20));
        store.putAll(List.of(KeyValue.pair("d", 4L), KeyValue.pair("a", 1L), KeyValue.pair("c", 3L),
                KeyValue.pair("b", 2L)));
        store.flush();
        store.put("e", 5L);
        store.delete("c");
        assertThat(drain(store.range("b", "d"))).containsExactly(KeyValue.pair("b", 2L), KeyValue.pair("d", 4L));
        assertThat(drain(store.all())).extracting(kv -> kv.key).containsExactly("a", "b", "d", "e");
        assertThat(drain(store.range("x", "z"))).isEmpty();
        store.flush();
        assertThat(store.approximateNumEntries()).isBetween(1L, 10L);
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldIterateReverseRangesAndPrefixesIncludingUnflushedWrites(String name,
            Function<String, KeyValueBytesStoreSupplier> kind, boolean cache) {
        KeyValueStore<String, Long> store = open(kind, cache, new FakeStoreContext(dir.toFile(), 1 << 20));
        store.putAll(List.of(KeyValue.pair("ab", 1L), KeyValue.pair("a", 0L), KeyValue.pair("abc", 2L),
                KeyValue.pair("b", 3L), KeyValue.pair("ac", 4L)));
        store.flush();
        store.put("abd", 5L);
        store.delete("abc");
        assertThat(drain(store.reverseRange("ab", "b"))).extracting(kv -> kv.key)
                .containsExactly("b", "ac", "abd", "ab");
        assertThat(drain(store.reverseRange(null, "ab"))).extracting(kv -> kv.key).containsExactly("ab", "a");
        assertThat(drain(store.reverseRange("b", null))).containsExactly(KeyValue.pair("b", 3L));
        assertThat(drain(store.reverseAll())).extracting(kv -> kv.key).containsExactly("b", "ac", "abd", "ab", "a");
        assertThat(drain(store.reverseRange("x", "z"))).isEmpty();
        assertThat(drain(store.prefixScan("ab", Serdes.String().serializer())))
                .containsExactly(KeyValue.pair("ab", 1L), KeyValue.pair("abd", 5L));
        assertThat(drain(store.prefixScan("a", Serdes.String().serializer()))).extracting(kv -> kv.key)
                .containsExactly("a", "ab", "abd", "ac");
        assertThat(drain(store.prefixScan("z", Serdes.String().serializer()))).isEmpty();
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldPrefixScanKeysThatEndInTheLargestByte(String name, Function<String, KeyValueBytesStoreSupplier> kind,
            boolean cache) {
        StoreBuilder<KeyValueStore<Bytes, Long>> b = Stores.keyValueStoreBuilder(kind.apply("bytes"),
                Serdes.Bytes(), Serdes.Long());
        if (cache) {
            b.withCachingEnabled();
        }
        KeyValueStore<Bytes, Long> store = b.build();
        store.init(new FakeStoreContext(dir.toFile(), 1 << 20), store);
        byte ff = (byte) 0xFF;
        store.put(Bytes.wrap(new byte[] {1, ff}), 1L);
        store.put(Bytes.wrap(new byte[] {1, ff, 0}), 2L);
        store.put(Bytes.wrap(new byte[] {2}), 3L);
        store.put(Bytes.wrap(new byte[] {ff, ff, 7}), 4L);
        List<Long> values = new ArrayList<>();
        try (var it = store.prefixScan(Bytes.wrap(new byte[] {1, ff}), Serdes.Bytes().serializer())) {
            it.forEachRemaining(kv -> values.add(kv.value));
        }
        assertThat(values).containsExactly(1L, 2L);
        values.clear();
        try (var it = store.prefixScan(Bytes.wrap(new byte[] {ff, ff}), Serdes.Bytes().serializer())) {
            it.forEachRemaining(kv -> values.add(kv.value));
        }
        assertThat(values).containsExactly(4L);
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldLogEveryChangeOrOneMergedChangePerKeyWithTheCache(String name,
                                                                  Function<String, KeyValueBytesStoreSupplier> kind,
                                                                  boolean cache) {
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 1 << 20);
        KeyValueStore<String, Long> store = open(kind, cache, ctx);
        for (long i = 1; i <= 100; i++) {
            store.put("k", i);
        }
        store.flush();
        assertThat(ctx.changelog).hasSize(cache ? 1 : 100);
        assertThat(Serdes.Long().deserializer().deserialize("t", ctx.changelog.get(ctx.changelog.size() - 1)[1]))
                .isEqualTo(100L);
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldWriteThroughWhenTheCacheBudgetIsExceeded(String name, Function<String, KeyValueBytesStoreSupplier> kind,
                                                        boolean cache) {
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 2_000);
        KeyValueStore<String, Long> store = open(kind, cache, ctx);
        for (long i = 0; i < 1_000; i++) {
            store.put("key-" + i, i);
        }
        assertThat(ctx.changelog.size()).as("most writes reached the changelog before any flush").isGreaterThan(900);
        assertThat(ctx.budget.used()).isLessThanOrEqualTo(2_000);
        store.flush();
        assertThat(ctx.changelog).hasSize(1_000);
        assertThat(store.get("key-999")).isEqualTo(999L);
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldRegisterForRestoreAndApplyRestoredBatches(String name, Function<String, KeyValueBytesStoreSupplier> kind,
                                                         boolean cache) {
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 1 << 20);
        KeyValueStore<String, Long> store = open(kind, cache, ctx);
        assertThat(ctx.registered).containsKey("s");
        byte[] a = Serdes.String().serializer().serialize("t", "a");
        byte[] b = Serdes.String().serializer().serialize("t", "b");
        ctx.registered.get("s").restore(a, Serdes.Long().serializer().serialize("t", 7L));
        ctx.registered.get("s").restore(b, Serdes.Long().serializer().serialize("t", 8L));
        ctx.registered.get("s").restore(b, null);
        assertThat(store.get("a")).isEqualTo(7L);
        assertThat(store.get("b")).isNull();
        assertThat(ctx.changelog).as("restoring does not write the changelog again").isEmpty();
        store.close();
    }

    @org.junit.jupiter.api.Test
    void lruStoreRemovesTheLeastRecentlyUsedKeyAndLogsTheRemovalAsADelete() {
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 1 << 20);
        KeyValueStore<String, Long> store = open(n -> Stores.lruMap(n, 3), false, ctx);
        store.put("a", 1L);
        store.put("b", 2L);
        store.put("c", 3L);
        assertThat(store.get("a")).isEqualTo(1L); // a is now the most recently used; b the least
        store.put("d", 4L);
        assertThat(store.get("b")).isNull();
        assertThat(drain(store.all())).extracting(kv -> kv.key).containsExactly("a", "c", "d");
        assertThat(ctx.changelog).hasSize(5);
        byte[][] removal = ctx.changelog.get(3);
        assertThat(Serdes.String().deserializer().deserialize("t", removal[0])).isEqualTo("b");
        assertThat(removal[1]).as("a removal is logged as a delete").isNull();

        // a restore of that changelog gives back the same three keys and logs nothing
        FakeStoreContext restoreCtx = new FakeStoreContext(dir.toFile(), 1 << 20);
        KeyValueStore<String, Long> restored = open(n -> Stores.lruMap(n, 3), false, restoreCtx);
        for (byte[][] record : ctx.changelog) {
            restoreCtx.registered.get("s").restore(record[0], record[1]);
        }
        assertThat(drain(restored.all())).extracting(kv -> kv.key).containsExactly("a", "c", "d");
        assertThat(restoreCtx.changelog).isEmpty();
        store.close();
        restored.close();
    }

    @org.junit.jupiter.api.Test
    void lruMapRefusesANegativeSize() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stores.lruMap("s", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldKeepDataAcrossReopenOnlyWhenPersistent(String name, Function<String, KeyValueBytesStoreSupplier> kind,
                                                      boolean cache) {
        KeyValueStore<String, Long> store = open(kind, cache, new FakeStoreContext(dir.toFile(), 1 << 20));
        store.put("a", 1L);
        store.flush();
        boolean persistent = store.persistent();
        store.close();
        KeyValueStore<String, Long> again = open(kind, cache, new FakeStoreContext(dir.toFile(), 1 << 20));
        assertThat(again.get("a")).isEqualTo(persistent ? 1L : null);
        assertThat(persistent).isEqualTo(name.startsWith("rocksdb"));
        again.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void timestampedStoreKeepsValueAndTimestamp(String name, Function<String, KeyValueBytesStoreSupplier> kind,
                                                boolean cache) {
        StoreBuilder<TimestampedKeyValueStore<String, Long>> b = Stores.timestampedKeyValueStoreBuilder(
                kind.apply("ts"), Serdes.String(), Serdes.Long());
        if (cache) {
            b.withCachingEnabled();
        }
        TimestampedKeyValueStore<String, Long> store = b.build();
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 1 << 20);
        store.init(ctx, store);
        store.put("a", ValueAndTimestamp.make(3L, 99L));
        assertThat(store.get("a")).isEqualTo(ValueAndTimestamp.make(3L, 99L));
        assertThat(((MeteredKeyValueStore<?, ?>) store).cached()).isEqualTo(cache);
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void byteStoresApplyBulkRestoreBatches(String name, Function<String, KeyValueBytesStoreSupplier> kind,
                                           boolean cache) {
        KeyValueStore<Bytes, byte[]> bytes = kind.apply("bulk").get();
        bytes.init(new FakeStoreContext(dir.toFile(), 0), bytes);
        List<byte[][]> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(new byte[][] {("k" + i).getBytes(), ("v" + i).getBytes()});
        }
        batch.add(new byte[][] {"k5".getBytes(), null});
        ((BulkRestorable) bytes).restoreBatch(batch);
        assertThat(bytes.get(Bytes.wrap("k9999".getBytes()))).isEqualTo("v9999".getBytes());
        assertThat(bytes.get(Bytes.wrap("k5".getBytes()))).isNull();
        bytes.close();
    }
    /**
     * Blocks of files that compaction made obsolete leave the shared block cache: the same 10 000 keys rewritten 24
     * times, each round flushed, compacted into one file and read back (loading that file's blocks). The cache's
     * usage after each round stays flat instead of growing by the blocks of every file compaction replaced. (The
     * compaction is the store's own, run at once: left to the background, how many files a round leaves depends on
     * how far compaction lags, and the usage with it.)
     */
    @org.junit.jupiter.api.Test
    void blockCacheUsageStaysFlatAsCompactionRewritesFiles() {
        long bound = 48L * 1024 * 1024 + 8191; // a bound no other test uses: a block cache of its own
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 0);
        ctx.appConfigs.put(dev.rill.streams.StreamsConfig.ROCKSDB_MEMORY_MAX_BYTES_CONFIG, bound);
        dev.rill.streams.internal.state.RocksDbMemory memory = dev.rill.streams.internal.state.RocksDbMemory
                .shared(bound);
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("rewritten"),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        store.init(ctx, store);
        List<Long> usage = new ArrayList<>();
        dev.rill.streams.internal.state.RocksDbKeyValueBytesStore bytes =
                (dev.rill.streams.internal.state.RocksDbKeyValueBytesStore) ctx.registeredStores.get("rewritten");
        for (int round = 0; round < 24; round++) {
            for (int k = 0; k < 10_000; k++) {
                store.put("key-" + k, (long) round);
            }
            store.flush();
            bytes.compactNow();
            for (int k = 0; k < 10_000; k++) {
                assertThat(store.get("key-" + k)).isEqualTo(round);
            }
            usage.add(memory.cacheUsageBytes());
        }
        store.close();
        long early = usage.subList(3, 12).stream().mapToLong(Long::longValue).max().orElseThrow();
        long late = usage.subList(12, 24).stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("Block cache usage, 10 000 keys rewritten per round: after round 3..11 at most %d bytes, "
                + "after round 12..23 at most %d bytes%n", early, late);
        assertThat(late).as("block cache usage in the second half vs the first").isLessThanOrEqualTo(early * 3 / 2);
    }
}

