package dev.rill.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.KeyValue;
import dev.rill.streams.internal.state.CacheForwarding;
import dev.rill.streams.internal.state.TransactionalStore;
import dev.rill.streams.kstream.SessionWindow;
import dev.rill.streams.kstream.Windowed;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same session store behaviour on RocksDB and in memory, with and without the write cache and the changelog. */
class SessionStoreTest {
    private static final Duration RETENTION = Duration.ofMinutes(10);
    private static final long SEGMENT = 300_000L;

    @TempDir
    Path dir;

    /**
     * A store kind; {@code transactional}: a RocksDB store buffering an open exactly-once transaction; {@code user}:
     * the RocksDB store behind a session store class of the user's own (Rill sees only the {@code SessionStore}
     * interface).
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

    private SessionStore<String, Long> open(Kind kind, FakeStoreContext ctx, Duration retention) {
        SessionBytesStoreSupplier supplier = kind.persistent() ? Stores.persistentSessionStore("s", retention)
                : Stores.inMemorySessionStore("s", retention);
        if (kind.user()) {
            supplier = UserStores.sessions(supplier);
        }
        StoreBuilder<SessionStore<String, Long>> b = Stores.sessionStoreBuilder(supplier, Serdes.String(),
                Serdes.Long());
        if (kind.cache()) {
            b.withCachingEnabled();
        }
        if (!kind.logging()) {
            b.withLoggingDisabled();
        }
        SessionStore<String, Long> store = b.build();
        store.init(ctx, store);
        if (kind.transactional()) {
            ((TransactionalStore) ctx.registeredStores.get("s")).beginTransactions();
        }
        return store;
    }

    private SessionStore<String, Long> open(Kind kind, FakeStoreContext ctx) {
        return open(kind, ctx, RETENTION);
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

    private static Windowed<String> session(String key, long start, long end) {
        return new Windowed<>(key, new SessionWindow(start, end));
    }

    private static KeyValue<Windowed<String>, Long> entry(String key, long start, long end, long value) {
        return KeyValue.pair(session(key, start, end), value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldPutFindFetchAndRemoveSessionsOfOneKey(Kind kind) {
        SessionStore<String, Long> store = open(kind, context());
        store.put(session("a", 0, 10), 1L);
        store.put(session("a", 20, 30), 2L);
        store.put(session("a", 100, 150), 3L);
        store.put(session("b", 5, 25), 9L);
        store.put(session("a", 20, 30), 22L);
        assertThat(store.fetchSession("a", 20, 30)).isEqualTo(22L);
        assertThat(store.fetchSession("a", Instant.ofEpochMilli(0), Instant.ofEpochMilli(10))).isEqualTo(1L);
        assertThat(store.fetchSession("a", 20, 31)).isNull();
        // sessions that end at or after 25 and start at or before 100
        assertThat(drain(store.findSessions("a", 25, 100))).containsExactly(entry("a", 20, 30, 22),
                entry("a", 100, 150, 3));
        assertThat(drain(store.backwardFindSessions("a", Instant.ofEpochMilli(0), Instant.ofEpochMilli(20))))
                .containsExactly(entry("a", 20, 30, 22), entry("a", 0, 10, 1));
        assertThat(drain(store.fetch("a"))).extracting(kv -> kv.value).containsExactly(1L, 22L, 3L);
        assertThat(drain(store.backwardFetch("a"))).extracting(kv -> kv.value).containsExactly(3L, 22L, 1L);
        store.remove(session("a", 20, 30));
        store.put(session("a", 0, 10), null);
        store.flush();
        assertThat(drain(store.fetch("a"))).containsExactly(entry("a", 100, 150, 3));
        assertThat(store.fetchSession("a", 20, 30)).isNull();
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldFindSessionsOfKeyRangesInKafkaStreamsOrder(Kind kind) {
        SessionStore<String, Long> store = open(kind, context());
        store.put(session("b", 0, 5), 1L);
        store.put(session("a", 10, 1_000), 2L);
        store.put(session("c", 900, 1_000), 3L);
        store.put(session("a", SEGMENT, SEGMENT + 5), 4L);
        store.put(session("ab", 10, 2_000), 5L);
        // RocksDB: segment (by session end) after segment, each in store-key order; in memory: by end, then key
        List<KeyValue<Windowed<String>, Long>> expected = kind.persistent()
                ? List.of(entry("a", 10, 1_000, 2), entry("ab", 10, 2_000, 5), entry("b", 0, 5, 1),
                        entry("c", 900, 1_000, 3), entry("a", SEGMENT, SEGMENT + 5, 4))
                : List.of(entry("b", 0, 5, 1), entry("a", 10, 1_000, 2), entry("c", 900, 1_000, 3),
                        entry("ab", 10, 2_000, 5), entry("a", SEGMENT, SEGMENT + 5, 4));
        assertThat(drain(store.fetch(null, null))).containsExactlyElementsOf(expected);
        List<KeyValue<Windowed<String>, Long>> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertThat(drain(store.backwardFetch(null, null))).containsExactlyElementsOf(reversed);
        assertThat(drain(store.findSessions("a", "b", 5, 10))).containsExactlyElementsOf(expected.stream()
                .filter(kv -> kv.key.key().compareTo("b") <= 0 && kv.key.window().end() >= 5
                        && kv.key.window().start() <= 10).toList());
        assertThat(drain(store.findSessions(1_000, 2_000))).extracting(kv -> kv.value)
                .containsExactlyInAnyOrder(2L, 3L, 5L);
        if (kind.persistent() || kind.cache()) {
            assertThat(drain(store.fetch("c", "a"))).isEmpty();
        } else {
            // as Kafka Streams' uncached in-memory session store
            assertThatThrownBy(() -> store.fetch("c", "a")).isInstanceOf(IllegalArgumentException.class);
        }
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldDropAndHideSessionsThatEndedBeforeRetention(Kind kind) {
        SessionStore<String, Long> store = open(kind, context(), Duration.ofMinutes(1));
        store.put(session("a", 0, 10), 1L);
        store.put(session("a", 0, 50_000), 2L);
        store.put(session("b", 90_000, 100_000), 3L);
        store.flush();
        // observed stream time 100000, retention 60000: sessions ending at or before 40000 are gone
        assertThat(drain(store.fetch("a"))).containsExactly(entry("a", 0, 50_000, 2));
        store.put(session("a", 0, 20), 4L);
        store.flush();
        assertThat(drain(store.fetch(null, null))).extracting(kv -> kv.value).containsExactly(2L, 3L);
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldRestoreFromItsOwnChangelog(Kind kind) {
        if (!kind.logging()) {
            return;
        }
        FakeStoreContext ctx = context();
        SessionStore<String, Long> store = open(kind, ctx);
        store.put(session("a", 0, 10), 1L);
        store.put(session("b", 5, 15), 2L);
        store.remove(session("a", 0, 10));
        store.put(session("a", 0, 20), 3L);
        store.flush();
        List<KeyValue<Windowed<String>, Long>> before = drain(store.fetch(null, null));
        store.close();
        FakeStoreContext restoreCtx = new FakeStoreContext(dir.resolve("restored").toFile(), 1 << 20);
        SessionStore<String, Long> restored = open(kind, restoreCtx);
        for (byte[][] record : ctx.changelog) {
            restoreCtx.registered.get("s").restore(record[0], record[1]);
        }
        assertThat(drain(restored.fetch(null, null))).containsExactlyElementsOf(before).hasSize(2);
        restored.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shouldForwardWrittenThroughSessions(Kind kind) {
        SessionStore<String, Long> store = open(kind, context());
        @SuppressWarnings("unchecked")
        CacheForwarding<Windowed<String>, Long> forwarding = (CacheForwarding<Windowed<String>, Long>) store;
        List<String> forwarded = new ArrayList<>();
        boolean cached = forwarding.setFlushListener((k, nv, ov, ts, h) -> forwarded.add(k.key() + "@"
                + k.window().start() + "-" + k.window().end() + "=" + nv + "/" + ov + "@" + ts), true);
        assertThat(cached).isEqualTo(kind.cache());
        forwarding.put(session("a", 1, 5), 1L, 5, new RecordHeaders());
        forwarding.put(session("a", 1, 5), 2L, 6, new RecordHeaders());
        store.flush();
        assertThat(forwarded).containsExactlyElementsOf(kind.cache() ? List.of("a@1-5=2/null@6") : List.of());
        assertThat(store.fetchSession("a", 1, 5)).isEqualTo(2L);
        store.close();
    }

    @Test
    void shouldLogKafkaStreamsSessionStoreKeys() {
        FakeStoreContext ctx = context();
        SessionStore<String, Long> store = open(new Kind("rocksdb", true, false, true), ctx);
        store.put(session("ab", 3, 7), 7L);
        store.remove(session("ab", 3, 7));
        byte[] expected = ByteBuffer.allocate(2 + 16).put("ab".getBytes(StandardCharsets.UTF_8)).putLong(7)
                .putLong(3).array();
        assertThat(ctx.changelog).hasSize(2);
        assertThat(ctx.changelog.get(0)[0]).isEqualTo(expected);
        assertThat(ctx.changelog.get(1)[0]).isEqualTo(expected);
        assertThat(ctx.changelog.get(1)[1]).isNull();
        store.close();
    }

    @Test
    void shouldDropExpiredSessionSegmentsAsWholeColumnFamilies() {
        SessionStore<String, Long> store = open(new Kind("rocksdb", true, false, false), context(),
                Duration.ofMinutes(2));
        File storeDir = dir.resolve("rocksdb").resolve("s").toFile();
        store.put(session("a", 0, 1), 1L);
        store.put(session("a", 0, 60_000), 2L);
        assertThat(SegmentFamilies.of(storeDir)).containsExactlyInAnyOrder("s.0", "s.60000");
        store.put(session("a", 250_000, 250_000), 3L);
        dev.rill.streams.internal.state.SegmentedBytesStore.awaitDroppedSegments(); // they leave in the background
        assertThat(SegmentFamilies.of(storeDir)).containsExactly("s.240000");
        store.close();
    }

    @Test
    void shouldRejectInvalidArgumentsAsKafkaStreams() {
        assertThatThrownBy(() -> Stores.persistentSessionStore(null, RETENTION))
                .isInstanceOf(NullPointerException.class).hasMessage("name cannot be null");
        assertThatThrownBy(() -> Stores.inMemorySessionStore("s", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retentionPeriod cannot be negative");
        assertThat(Stores.persistentSessionStore("s", Duration.ofHours(1)).segmentIntervalMs()).isEqualTo(1_800_000L);
        SessionStore<String, Long> store = open(new Kind("in-memory", false, false, false), context());
        assertThatThrownBy(() -> store.put(null, 1L)).isInstanceOf(NullPointerException.class)
                .hasMessage("sessionKey can't be null");
        assertThatThrownBy(() -> store.remove(new Windowed<>(null, new SessionWindow(0, 0))))
                .isInstanceOf(NullPointerException.class).hasMessage("sessionKey.key() can't be null");
        assertThatThrownBy(() -> store.findSessions(null, 0, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("key cannot be null");
        assertThatThrownBy(() -> store.findSessions("a", null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "Invalid value for parameter \"earliestSessionEndTime\" (value was: null). It shouldn't be null.");
        store.close();
    }

    /** The messages Kafka Streams 4.3.1 gives for the same calls (measured on its stores). */
    @Test
    void shouldReportBadTimeArgumentsWithKafkaStreamsMessages() {
        WindowStore<String, Long> w = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("w", Duration.ofHours(1),
                Duration.ofMinutes(1), false), Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        SessionStore<String, Long> s = open(new Kind("in-memory", false, false, false), context());
        assertThatThrownBy(() -> w.fetch("a", "b", Instant.EPOCH, null)).hasMessage(
                "Invalid value for parameter \"timeTo\" (value was: null). It shouldn't be null.");
        assertThatThrownBy(() -> w.fetchAll(Instant.MAX, Instant.EPOCH)).hasMessage(
                "Invalid value for parameter \"timeFrom\" (value was: +1000000000-12-31T23:59:59.999999999Z). "
                        + "It can't be converted to milliseconds.");
        assertThatThrownBy(() -> w.backwardFetchAll(Instant.EPOCH, null)).hasMessageContaining("\"timeTo\"");
        assertThatThrownBy(() -> s.fetchSession("a", Instant.EPOCH, null)).hasMessage(
                "Invalid value for parameter \"sessionEndTime\" (value was: null). It shouldn't be null.");
        assertThatThrownBy(() -> s.backwardFindSessions("a", "b", Instant.EPOCH, null)).hasMessage(
                "Invalid value for parameter \"latestSessionStartTime\" (value was: null). It shouldn't be null.");
        s.close();
    }
}
