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
 * The buffer of a suppression: serialized updates ordered by buffer time, then key bytes, as in Kafka Streams. A key
 * keeps the buffer time of its first update until it is evicted (later updates replace its value in place). Entries
 * are written through to a key-value store (in memory, with a changelog unless disabled) and the order index is
 * rebuilt from it when the task starts, so buffered updates survive a restart or a task move.
 *
 * <p>Sizes are Kafka Streams' estimate (buffer time, key, prior/old/new value bytes, record context), so a
 * {@code maxBytes} limit triggers at the same point.
 */
final class SuppressionBuffer {
    /** One buffered update and the record context it will be forwarded with. */
    record Entry(long bufferTime, byte[] key, byte[] prior, byte[] oldValue, byte[] newValue, long timestamp,
                 long offset, String topic, int partition, Headers headers) {
        long size() {
            long n = 8 + key.length + length(prior) + (oldValue == null || oldValue == prior ? 0 : oldValue.length)
                    + length(newValue) + 8 + 8 + (topic == null ? 0 : topic.length()) + 4;
            for (Header h : headers) {
                n += h.key().length() + length(h.value());
            }
            return n;
        }
    }

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

    SuppressionBuffer(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                index(decode(kv.key.get(), kv.value));
            }
        }
    }

    /** Buffers an update; a key already buffered keeps its place and its prior value. */
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

    long minTime() {
        return ordered.isEmpty() ? Long.MAX_VALUE : ordered.firstKey().time();
    }

    int records() {
        return ordered.size();
    }

    long bytes() {
        return bytes;
    }

    /** Removes and returns the oldest entry, or null when empty. */
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

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static byte[] encode(Entry e) {
        byte[] topic = e.topic() == null ? null : e.topic().getBytes(StandardCharsets.UTF_8);
        int size = 1 + 8 + 8 + 8 + 4 + 4 + length(topic) + 4 + 3 * 4 + length(e.prior()) + length(e.oldValue())
                + length(e.newValue());
        for (Header h : e.headers()) {
            size += 4 + h.key().getBytes(StandardCharsets.UTF_8).length + 4 + length(h.value());
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putLong(e.bufferTime()).putLong(e.timestamp()).putLong(e.offset()).putInt(e.partition());
        putBytes(b, topic);
        b.putInt(e.headers().toArray().length);
        for (Header h : e.headers()) {
            putBytes(b, h.key().getBytes(StandardCharsets.UTF_8));
            putBytes(b, h.value());
        }
        putBytes(b, e.prior());
        // whether the old value is the prior one (Kafka Streams' size estimate counts it once then)
        boolean oldIsPrior = e.oldValue() == e.prior();
        b.put((byte) (oldIsPrior ? 1 : 0));
        putBytes(b, oldIsPrior ? null : e.oldValue());
        putBytes(b, e.newValue());
        return b.array();
    }

    private static Entry decode(byte[] key, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        long bufferTime = b.getLong();
        long timestamp = b.getLong();
        long offset = b.getLong();
        int partition = b.getInt();
        byte[] topic = getBytes(b);
        int headerCount = b.getInt();
        Headers headers = new SimpleHeaders();
        for (int i = 0; i < headerCount; i++) {
            headers.add(new String(getBytes(b), StandardCharsets.UTF_8), getBytes(b));
        }
        byte[] prior = getBytes(b);
        boolean oldIsPrior = b.get() == 1;
        byte[] old = getBytes(b);
        byte[] newValue = getBytes(b);
        return new Entry(bufferTime, Arrays.copyOf(key, key.length), prior, oldIsPrior ? prior : old, newValue,
                timestamp, offset, topic == null ? null : new String(topic, StandardCharsets.UTF_8), partition,
                headers);
    }

    private static void putBytes(ByteBuffer b, byte[] bytes) {
        if (bytes == null) {
            b.putInt(-1);
        } else {
            b.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] getBytes(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
