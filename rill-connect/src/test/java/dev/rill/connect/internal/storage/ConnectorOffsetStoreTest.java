package dev.rill.connect.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectorOffsetStoreTest {
    /** An offset store in a map; {@code failWrites} makes every write throw. */
    private static final class MapStore implements OffsetStore {
        final Map<ByteBuffer, ByteBuffer> data = new HashMap<>();
        boolean failWrites;

        @Override
        public void start() {
        }

        @Override
        public Map<ByteBuffer, ByteBuffer> get(Collection<ByteBuffer> keys) {
            Map<ByteBuffer, ByteBuffer> out = new HashMap<>();
            keys.stream().filter(data::containsKey).forEach(k -> out.put(k, data.get(k)));
            return out;
        }

        @Override
        public Map<ByteBuffer, ByteBuffer> all() {
            return new HashMap<>(data);
        }

        @Override
        public void set(Map<ByteBuffer, ByteBuffer> values) {
            if (failWrites) {
                throw new IllegalStateException("broker gone");
            }
            values.forEach((k, v) -> {
                if (v == null) {
                    data.remove(k);
                } else {
                    data.put(k, v);
                }
            });
        }

        @Override
        public void close() {
        }
    }

    private static ByteBuffer b(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private final MapStore own = new MapStore();
    private final MapStore worker = new MapStore();
    private final ConnectorOffsetStore store = new ConnectorOffsetStore("own-offsets", own, worker);

    @Test
    void readsTheConnectorsTopicFirstAndTheWorkersTopicForWhatItLacks() {
        own.data.put(b("a"), b("own-a"));
        worker.data.put(b("a"), b("worker-a"));
        worker.data.put(b("b"), b("worker-b"));

        assertThat(store.get(List.of(b("a"), b("b"), b("c")))).isEqualTo(Map.of(b("a"), b("own-a"), b("b"),
                b("worker-b")));
        assertThat(store.all()).isEqualTo(Map.of(b("a"), b("own-a"), b("b"), b("worker-b")));
    }

    @Test
    void writesBothTopicsAndATombstoneRemovesTheWorkersCopyToo() {
        Map<ByteBuffer, ByteBuffer> write = new HashMap<>();
        write.put(b("a"), b("1"));
        store.set(write);
        assertThat(own.data).containsEntry(b("a"), b("1"));
        assertThat(worker.data).containsEntry(b("a"), b("1"));

        Map<ByteBuffer, ByteBuffer> tombstone = new HashMap<>();
        tombstone.put(b("a"), null);
        store.set(tombstone);
        assertThat(store.get(List.of(b("a")))).isEmpty();
    }

    @Test
    void aFailedCopyToTheWorkersTopicIsNotAFailedWrite() {
        worker.failWrites = true;
        store.set(Map.of(b("a"), b("1")));
        assertThat(own.data).containsEntry(b("a"), b("1"));
        assertThat(worker.data).isEmpty();
    }

    @Test
    void aFailedWriteToTheConnectorsTopicFailsAndCopiesNothing() {
        own.failWrites = true;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.set(Map.of(b("a"), b("1"))))
                .hasMessageContaining("broker gone");
        assertThat(worker.data).isEmpty();
    }
}
