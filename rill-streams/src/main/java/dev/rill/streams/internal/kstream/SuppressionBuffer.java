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
 * live in a key-value store (with a changelog unless disabled), so buffered updates survive a restart or a task move.
 * Two layouts: {@link IndexedSuppressionBuffer} keeps the order index on the heap beside an in-memory store (bounded
 * buffers, Kafka Streams' layout); {@link StoreOrderedSuppressionBuffer} keeps the order in the store's keys, so an
 * unbounded buffer in a RocksDB store holds only counters on the heap.
 *
 * <p>Sizes are Kafka Streams' estimate (buffer time, key, prior/old/new value bytes, record context), so a
 * {@code maxBytes} limit triggers at the same point.
 */
abstract class SuppressionBuffer {
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

    /** Buffers an update; a key already buffered keeps its place and its prior value. */
    abstract void put(Entry entry);

    /** The smallest buffer time, or Long.MAX_VALUE when empty. */
    abstract long minTime();

    abstract int records();

    abstract long bytes();

    /** Removes and returns the oldest entry, or null when empty. */
    abstract Entry evictOldest();

    static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    static byte[] encode(Entry e) {
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

    static Entry decode(byte[] key, byte[] value) {
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
