package dev.rill.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.streams.KeyValue;
import dev.rill.streams.internal.state.TransactionalStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RocksDB byte store in transactional mode (exactly-once): the open transaction's writes are visible to reads and
 * iterators at once but reach the store on disk only with {@code commit}, together with the changelog offsets; a
 * close without commit drops them.
 */
class TransactionalRocksDbStoreTest {
    private static final TopicPartition CHANGELOG = new TopicPartition("app-s-changelog", 3);

    @TempDir
    Path dir;

    private KeyValueStore<Bytes, byte[]> open() {
        KeyValueStore<Bytes, byte[]> store = Stores.persistentKeyValueStore("s").get();
        store.init(new FakeStoreContext(dir.toFile(), 0), store);
        return store;
    }

    private static TransactionalStore tx(KeyValueStore<Bytes, byte[]> store) {
        return (TransactionalStore) store;
    }

    private static Bytes k(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(new String(kv.key.get(), StandardCharsets.UTF_8) + "="
                    + new String(kv.value, StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void shouldReadUncommittedWritesOverTheCommittedState() {
        KeyValueStore<Bytes, byte[]> store = open();
        assertThat(tx(store).beginTransactions()).isEmpty();
        store.putAll(List.of(KeyValue.pair(k("a"), v("1")), KeyValue.pair(k("c"), v("3")),
                KeyValue.pair(k("e"), v("5"))));
        tx(store).commit(Map.of(CHANGELOG, 3L));
        store.put(k("b"), v("2"));
        store.delete(k("c"));
        store.put(k("e"), v("50"));
        store.put(k("f"), v("6"));

        assertThat(store.get(k("c"))).isNull();
        assertThat(store.get(k("e"))).isEqualTo(v("50"));
        assertThat(keys(store.all())).containsExactly("a=1", "b=2", "e=50", "f=6");
        assertThat(keys(store.reverseAll())).containsExactly("f=6", "e=50", "b=2", "a=1");
        assertThat(keys(store.range(k("b"), k("e")))).containsExactly("b=2", "e=50");
        assertThat(keys(store.reverseRange(k("a"), k("c")))).containsExactly("b=2", "a=1");
        assertThat(keys(store.range(k("e"), k("b")))).isEmpty();
        store.close();
    }

    @Test
    void shouldKeepOnlyCommittedWritesAndTheirOffsetsAcrossAReopen() {
        KeyValueStore<Bytes, byte[]> store = open();
        tx(store).beginTransactions();
        store.put(k("a"), v("1"));
        store.put(k("b"), v("2"));
        tx(store).commit(Map.of(CHANGELOG, 17L));
        store.put(k("a"), v("uncommitted"));
        store.delete(k("b"));
        store.put(k("z"), v("uncommitted"));
        store.close();

        KeyValueStore<Bytes, byte[]> reopened = open();
        assertThat(tx(reopened).beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 17L));
        assertThat(keys(reopened.all())).containsExactly("a=1", "b=2");
        reopened.close();
    }

    @Test
    void shouldStoreRestoredRecordsWithTheOffsetAfterThem() {
        KeyValueStore<Bytes, byte[]> store = open();
        tx(store).beginTransactions();
        tx(store).restoreBatch(List.of(new byte[][] {v("a"), v("1")}, new byte[][] {v("b"), v("2")},
                new byte[][] {v("a"), null}), CHANGELOG, 42L);
        store.close();

        KeyValueStore<Bytes, byte[]> reopened = open();
        assertThat(tx(reopened).beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 42L));
        assertThat(keys(reopened.all())).containsExactly("b=2");
        reopened.close();
    }

    @Test
    void shouldForgetStoredOffsetsWhenWrittenDirectly() {
        KeyValueStore<Bytes, byte[]> store = open();
        tx(store).beginTransactions();
        store.put(k("a"), v("1"));
        tx(store).commit(Map.of(CHANGELOG, 5L));
        store.close();

        KeyValueStore<Bytes, byte[]> atLeastOnce = open();
        tx(atLeastOnce).dropCommittedOffsets();
        atLeastOnce.put(k("b"), v("2"));
        assertThat(atLeastOnce.get(k("b"))).isEqualTo(v("2"));
        atLeastOnce.flush();
        atLeastOnce.close();

        KeyValueStore<Bytes, byte[]> again = open();
        assertThat(tx(again).beginTransactions()).isEmpty();
        assertThat(keys(again.all())).containsExactly("a=1", "b=2");
        again.close();
    }

    @Test
    void shouldBufferWhatTheWriteCacheWritesThroughUntilTheCommit() {
        FakeStoreContext ctx = new FakeStoreContext(dir.toFile(), 1 << 20);
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("s"),
                org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.Long()).withCachingEnabled().build();
        store.init(ctx, store);
        TransactionalStore bytes = (TransactionalStore) ctx.registeredStores.get("s");
        bytes.beginTransactions();
        store.put("a", 1L);
        store.put("a", 2L);
        store.put("b", 5L);
        ((dev.rill.streams.internal.state.CacheFlushable) store).flushCache();
        assertThat(ctx.changelog).as("the cache wrote each key through once").hasSize(2);
        bytes.commit(Map.of(CHANGELOG, 2L));
        store.put("b", 6L);
        ((dev.rill.streams.internal.state.CacheFlushable) store).flushCache();
        assertThat(store.get("b")).isEqualTo(6L);
        store.close();

        KeyValueStore<Bytes, byte[]> reopened = open();
        assertThat(tx(reopened).beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 2L));
        assertThat(reopened.get(k("b"))).as("the uncommitted write-through was dropped")
                .isEqualTo(java.nio.ByteBuffer.allocate(8).putLong(5L).array());
        assertThat(reopened.get(k("a"))).isEqualTo(java.nio.ByteBuffer.allocate(8).putLong(2L).array());
        reopened.close();
    }

    @Test
    void shouldWriteNothingWhenNothingWasBuffered() {
        KeyValueStore<Bytes, byte[]> store = open();
        tx(store).beginTransactions();
        store.put(k("a"), v("1"));
        tx(store).commit(Map.of(CHANGELOG, 1L));
        tx(store).commit(Map.of(CHANGELOG, 99L));
        store.close();

        KeyValueStore<Bytes, byte[]> reopened = open();
        assertThat(tx(reopened).beginTransactions()).containsExactlyEntriesOf(Map.of(CHANGELOG, 1L));
        reopened.close();
    }
}
