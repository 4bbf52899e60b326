package dev.rill.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.internal.state.BulkRestorable;
import dev.rill.streams.internal.state.CacheFlushable;
import dev.rill.streams.internal.state.CacheForwarding;
import dev.rill.streams.internal.state.LayeredStoreBuilder;
import dev.rill.streams.internal.state.MeteredKeyValueStore;
import dev.rill.streams.internal.state.SerdeAware;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles the engine and the query server see a store through (cache flush, serdes, cache forwarding, bulk
 * restore), and the shared layer stack a store builder puts over any byte store.
 */
class StoreRolesTest {
    @TempDir
    Path dir;

    private record Forwarded(String key, Long newValue, Long oldValue, long timestamp, String header) {
    }

    private KeyValueStore<String, Long> open(boolean cache, FakeStoreContext ctx) {
        StoreBuilder<KeyValueStore<String, Long>> b = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"),
                Serdes.String(), Serdes.Long());
        if (cache) {
            b.withCachingEnabled();
        }
        KeyValueStore<String, Long> store = b.build();
        store.init(ctx, store);
        return store;
    }

    @SuppressWarnings("unchecked")
    private static List<Forwarded> listen(KeyValueStore<String, Long> store, boolean[] active) {
        List<Forwarded> out = new ArrayList<>();
        active[0] = ((CacheForwarding<String, Long>) store).setFlushListener((k, nv, ov, ts, h) -> out.add(
                new Forwarded(k, nv, ov, ts, h == null || h.lastHeader("h") == null ? null
                        : new String(h.lastHeader("h").value(), StandardCharsets.UTF_8))), true);
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void flushCacheWritesTheCacheThroughOnceWithTheLastRecordsTimestampAndHeaders() {
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 1 << 20);
        KeyValueStore<String, Long> store = open(true, ctx);
        boolean[] active = new boolean[1];
        List<Forwarded> out = listen(store, active);
        assertThat(active[0]).isTrue();
        CacheForwarding<String, Long> typed = (CacheForwarding<String, Long>) store;
        typed.put("a", 1L, 10L, new RecordHeaders().add("h", "first".getBytes(StandardCharsets.UTF_8)));
        typed.put("a", 2L, 20L, new RecordHeaders().add("h", "second".getBytes(StandardCharsets.UTF_8)));
        assertThat(out).isEmpty();
        assertThat(ctx.changelog).isEmpty();
        assertThat(store).isInstanceOf(CacheFlushable.class);
        ((CacheFlushable) store).flushCache();
        assertThat(out).containsExactly(new Forwarded("a", 2L, null, 20L, "second"));
        assertThat(ctx.changelog).hasSize(1);
        ((CacheFlushable) store).flushCache();
        assertThat(out).hasSize(1);
        assertThat(store.get("a")).isEqualTo(2L);
        store.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutACacheWritesGoThroughAtOnceAndFlushCacheDoesNothing() {
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 1 << 20);
        KeyValueStore<String, Long> store = open(false, ctx);
        boolean[] active = new boolean[1];
        List<Forwarded> out = listen(store, active);
        assertThat(active[0]).isFalse();
        ((CacheForwarding<String, Long>) store).put("a", 1L, 10L, new RecordHeaders());
        assertThat(ctx.changelog).hasSize(1);
        ((CacheFlushable) store).flushCache();
        assertThat(out).isEmpty();
        assertThat(ctx.changelog).hasSize(1);
        assertThat(store.get("a")).isEqualTo(1L);
        store.close();
    }

    @Test
    void aZeroCacheBudgetTurnsTheCacheOffSoTheCallerForwardsItself() {
        KeyValueStore<String, Long> store = open(true, new FakeStoreContext(dir.toFile(), 0));
        boolean[] active = new boolean[1];
        listen(store, active);
        assertThat(active[0]).isFalse();
        store.close();
    }

    @Test
    void serdeAwareReportsTheGivenSerdes() {
        KeyValueStore<String, Long> store = open(false, new FakeStoreContext(dir.toFile(), 0));
        SerdeAware serdes = (SerdeAware) store;
        assertThat(serdes.keySerde().getClass()).isEqualTo(Serdes.String().getClass());
        assertThat(serdes.valueSerde().getClass()).isEqualTo(Serdes.Long().getClass());
        store.close();
    }

    @Test
    void serdeAwareReportsTheDefaultsOnceInitAndThePlainValueSerdeOfATimestampedStore() {
        TimestampedKeyValueStore<Object, Object> store = Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("t"), null, null).build();
        SerdeAware serdes = (SerdeAware) store;
        assertThat(serdes.keySerde()).isNull();
        store.init(new FakeStoreContext(dir.toFile(), 0), store);
        // FakeStoreContext's defaults: String keys, Long values
        assertThat(serdes.keySerde().getClass()).isEqualTo(Serdes.String().getClass());
        assertThat(serdes.valueSerde().getClass()).isEqualTo(Serdes.Long().getClass());
        store.close();
    }

    @Test
    void everyBuiltInByteStoreRestoresInBulk() {
        for (KeyValueBytesStoreSupplier supplier : List.of(Stores.persistentKeyValueStore("r"),
                Stores.inMemoryKeyValueStore("m"), Stores.lruMap("l", 100))) {
            KeyValueStore<Bytes, byte[]> bytes = supplier.get();
            assertThat(bytes).as(supplier.name()).isInstanceOf(BulkRestorable.class);
            bytes.init(new FakeStoreContext(dir.resolve(supplier.name()).toFile(), 0), bytes);
            ((BulkRestorable) bytes).restoreBatch(List.of(new byte[][] {{1}, {10}}, new byte[][] {{2}, {20}},
                    new byte[][] {{1}, null}));
            assertThat(bytes.get(Bytes.wrap(new byte[] {1}))).as(supplier.name()).isNull();
            assertThat(bytes.get(Bytes.wrap(new byte[] {2}))).as(supplier.name()).containsExactly(20);
            bytes.close();
        }
    }

    /** A store kind of its own: the shared layers over whatever byte store it is given, with a typed facade. */
    private static final class AnyBytesBuilder extends LayeredStoreBuilder<KeyValueStore<String, Long>> {
        private final KeyValueStore<Bytes, byte[]> bytes;

        AnyBytesBuilder(KeyValueStore<Bytes, byte[]> bytes) {
            super(bytes.name());
            this.bytes = bytes;
        }

        @Override
        public KeyValueStore<String, Long> build() {
            Layers layers = layer(bytes);
            return new MeteredKeyValueStore<>(layers.top(), layers.cache(), Serdes.String(), Serdes.Long(), false);
        }
    }

    @Test
    void theSharedLayersStackOverAnyByteStoreAsConfigured() {
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 1 << 20);
        AnyBytesBuilder logged = new AnyBytesBuilder(Stores.lruMap("any", 100).get());
        logged.withCachingEnabled();
        KeyValueStore<String, Long> store = logged.build();
        store.init(ctx, store);
        assertThat(((MeteredKeyValueStore<?, ?>) store).cached()).isTrue();
        store.put("a", 1L);
        assertThat(ctx.changelog).isEmpty();
        ((CacheFlushable) store).flushCache();
        assertThat(ctx.changelog).hasSize(1);
        assertThat(store.name()).isEqualTo("any");
        store.close();

        FakeStoreContext quiet = new FakeStoreContext(dir.toFile(), 1 << 20);
        AnyBytesBuilder unlogged = new AnyBytesBuilder(Stores.lruMap("plain", 100).get());
        unlogged.withLoggingDisabled();
        KeyValueStore<String, Long> plain = unlogged.build();
        plain.init(quiet, plain);
        assertThat(unlogged.loggingEnabled()).isFalse();
        assertThat(unlogged.cachingEnabled()).isFalse();
        assertThat(((MeteredKeyValueStore<?, ?>) plain).cached()).isFalse();
        plain.put("a", 1L);
        assertThat(quiet.changelog).isEmpty();
        assertThat(plain.get("a")).isEqualTo(1L);
        plain.close();
    }
}
