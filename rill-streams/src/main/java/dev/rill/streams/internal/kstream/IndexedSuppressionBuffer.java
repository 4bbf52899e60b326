package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.api.SimpleHeaders;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Bytes;

/**
 * A suppression buffer whose order index is on the heap, written through to its store and rebuilt from it when the
 * task starts: the layout for bounded buffers (their size is capped by their own limits).
 */
final class IndexedSuppressionBuffer extends SuppressionBuffer {
    private record Position(long time, Bytes key) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final TreeMap<Position, Entry> ordered = new TreeMap<>();
    private final Map<Bytes, Position> positions = new HashMap<>();
    private long bytes;

    IndexedSuppressionBuffer(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                index(decode(kv.key.get(), kv.value));
            }
        }
    }

    @Override
    void put(Entry entry) {
        Bytes key = Bytes.wrap(entry.key());
        Position at = positions.get(key);
        Entry toStore = entry;
        if (at != null) {
            Entry previous = ordered.get(at);
            toStore = new Entry(at.time(), entry.key(), previous.prior(), entry.oldValue(), entry.newValue(),
                    entry.timestamp(), entry.offset(), entry.topic(), entry.partition(), entry.headers());
            bytes -= previous.size();
        }
        index(toStore);
        store.put(key, encode(toStore));
    }

    private void index(Entry e) {
        Bytes key = Bytes.wrap(e.key());
        Position at = positions.computeIfAbsent(key, k -> new Position(e.bufferTime(), k));
        ordered.put(at, e);
        bytes += e.size();
    }

    @Override
    long minTime() {
        return ordered.isEmpty() ? Long.MAX_VALUE : ordered.firstKey().time();
    }

    @Override
    int records() {
        return ordered.size();
    }

    @Override
    long bytes() {
        return bytes;
    }

    @Override
    Entry evictOldest() {
        Iterator<Map.Entry<Position, Entry>> it = ordered.entrySet().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Map.Entry<Position, Entry> first = it.next();
        it.remove();
        positions.remove(first.getKey().key());
        bytes -= first.getValue().size();
        store.delete(first.getKey().key());
        return first.getValue();
    }

}
