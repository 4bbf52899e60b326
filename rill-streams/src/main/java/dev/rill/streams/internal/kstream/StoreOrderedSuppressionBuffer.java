package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A suppression buffer ordered by its store's keys, for unbounded buffers (Rill, beyond Kafka Streams): in a RocksDB
 * store it holds only two counters on the heap, so it cannot exhaust the heap however much it buffers; RocksDB's
 * memory is bounded by the instance's {@code rocksdb.memory.max.bytes} and the rest stays on disk. Two key families:
 * <ul>
 * <li>{@code 0x01 | buffer time (8 bytes, big-endian, sign bit flipped) | key} → the encoded entry, so a range scan
 * from {@code 0x01} returns the oldest entry first (time, then key bytes: Kafka Streams' order);</li>
 * <li>{@code 0x02 | key} → the key's buffer time, to find its entry when it is updated in place.</li>
 * </ul>
 * The smallest buffer time is cached and re-read from the store only after the oldest entry left.
 */
final class StoreOrderedSuppressionBuffer extends SuppressionBuffer {
    private static final byte ENTRY = 1;
    private static final byte TIME_OF_KEY = 2;

    private final KeyValueStore<Bytes, byte[]> store;
    private int records;
    private long bytes;
    /** The smallest buffer time, or null when it has to be read from the store. */
    private Long minTime;

    StoreOrderedSuppressionBuffer(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Bytes, byte[]> it = entries()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (kv.key.get()[0] != ENTRY) {
                    break;
                }
                records++;
                bytes += decode(keyOf(kv.key.get()), kv.value).size();
            }
        }
    }

    @Override
    void put(Entry entry) {
        Bytes timeKey = timeKey(entry.key());
        byte[] time = store.get(timeKey);
        Entry toStore = entry;
        if (time != null) {
            long at = ByteBuffer.wrap(time).getLong();
            Entry previous = decode(entry.key(), store.get(entryKey(at, entry.key())));
            toStore = new Entry(at, entry.key(), previous.prior(), entry.oldValue(), entry.newValue(),
                    entry.timestamp(), entry.offset(), entry.topic(), entry.partition(), entry.headers());
            bytes -= previous.size();
        } else {
            store.put(timeKey, ByteBuffer.allocate(8).putLong(entry.bufferTime()).array());
            records++;
            if (minTime != null && entry.bufferTime() < minTime) {
                minTime = entry.bufferTime();
            } else if (records == 1) {
                minTime = entry.bufferTime();
            }
        }
        store.put(entryKey(toStore.bufferTime(), toStore.key()), encode(toStore));
        bytes += toStore.size();
    }

    @Override
    long minTime() {
        if (records == 0) {
            return Long.MAX_VALUE;
        }
        if (minTime == null) {
            KeyValue<Bytes, byte[]> first = first();
            minTime = first == null ? Long.MAX_VALUE : timeOf(first.key.get());
        }
        return minTime;
    }

    @Override
    int records() {
        return records;
    }

    @Override
    long bytes() {
        return bytes;
    }

    @Override
    Entry evictOldest() {
        KeyValue<Bytes, byte[]> first = records == 0 ? null : first();
        if (first == null) {
            return null;
        }
        byte[] key = keyOf(first.key.get());
        Entry e = decode(key, first.value);
        store.delete(first.key);
        store.delete(timeKey(key));
        records--;
        bytes -= e.size();
        minTime = null;
        return e;
    }

    private KeyValue<Bytes, byte[]> first() {
        try (KeyValueIterator<Bytes, byte[]> it = entries()) {
            if (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                return kv.key.get()[0] == ENTRY ? kv : null;
            }
            return null;
        }
    }

    /** The entries, oldest first; may end with a key of the other family, which callers stop at. */
    private KeyValueIterator<Bytes, byte[]> entries() {
        return store.range(Bytes.wrap(new byte[] {ENTRY}), Bytes.wrap(new byte[] {TIME_OF_KEY}));
    }

    private static Bytes entryKey(long time, byte[] key) {
        return Bytes.wrap(ByteBuffer.allocate(1 + 8 + key.length).put(ENTRY).putLong(time ^ Long.MIN_VALUE).put(key)
                .array());
    }

    private static Bytes timeKey(byte[] key) {
        return Bytes.wrap(ByteBuffer.allocate(1 + key.length).put(TIME_OF_KEY).put(key).array());
    }

    private static long timeOf(byte[] entryKey) {
        return ByteBuffer.wrap(entryKey, 1, 8).getLong() ^ Long.MIN_VALUE;
    }

    private static byte[] keyOf(byte[] entryKey) {
        byte[] key = new byte[entryKey.length - 9];
        System.arraycopy(entryKey, 9, key, 0, key.length);
        return key;
    }
}
