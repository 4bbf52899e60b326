package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.utils.Bytes;

/**
 * The writes of one open transaction to a RocksDB store, in key order, the last write of each key only (a delete is
 * kept as a tombstone so that it hides the committed value). Reads merge it over the committed state; a commit turns
 * it into one write batch. A sorted concurrent map rather than RocksDB's WriteBatchWithIndex: buffered reads need no
 * JNI call, repeated updates of a key between commits take one entry, iterators are weakly consistent (a processor
 * may write while it iterates) and interactive queries may read it from other threads.
 */
final class TransactionBuffer {
    /** Tombstone of a deleted key; compared by identity, so no value a user writes can be mistaken for it. */
    static final byte[] DELETED = new byte[0];
    private static final int ENTRY_OVERHEAD = 80;

    private final ConcurrentSkipListMap<Bytes, byte[]> writes = new ConcurrentSkipListMap<>();
    private long bytes;

    /** Buffers a put, or a delete when {@code value} is null. */
    void put(Bytes key, byte[] value) {
        byte[] old = writes.put(key, value == null ? DELETED : value);
        if (old == null) {
            bytes += ENTRY_OVERHEAD + key.get().length;
        } else {
            bytes -= old.length;
        }
        bytes += value == null ? 0 : value.length;
    }

    /** The buffered value of a key: null if the key was not written, {@link #DELETED} if it was deleted. */
    byte[] get(Bytes key) {
        return writes.get(key);
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    /** Approximate heap bytes held. */
    long bytes() {
        return bytes;
    }

    /** Adds every buffered write to the batch, in key order. */
    void writeTo(RocksDbBatch batch) {
        for (Map.Entry<Bytes, byte[]> e : writes.entrySet()) {
            if (e.getValue() == DELETED) {
                batch.delete(e.getKey().get());
            } else {
                batch.put(e.getKey().get(), e.getValue());
            }
        }
    }

    /** Adds every buffered write to the batch as writes to the column family with this id, in key order. */
    void writeTo(RocksDbBatch batch, int columnFamily) {
        for (Map.Entry<Bytes, byte[]> e : writes.entrySet()) {
            if (e.getValue() == DELETED) {
                batch.delete(columnFamily, e.getKey().get());
            } else {
                batch.put(columnFamily, e.getKey().get(), e.getValue());
            }
        }
    }

    void clear() {
        writes.clear();
        bytes = 0;
    }

    /**
     * The committed entries of a range overlaid with the buffered writes of the same range: a buffered value replaces
     * a committed one, a buffered delete hides it. {@code from} and {@code to} are inclusive (null: open); descending
     * from {@code to} when {@code reverse}.
     */
    KeyValueIterator<Bytes, byte[]> overlay(KeyValueIterator<Bytes, byte[]> committed, Bytes from, Bytes to,
                                            boolean reverse) {
        NavigableMap<Bytes, byte[]> range;
        if (from != null && to != null && from.compareTo(to) > 0) {
            range = Collections.emptyNavigableMap();
        } else if (from != null && to != null) {
            range = writes.subMap(from, true, to, true);
        } else if (from != null) {
            range = writes.tailMap(from, true);
        } else if (to != null) {
            range = writes.headMap(to, true);
        } else {
            range = writes;
        }
        return new Overlay(committed, (reverse ? range.descendingMap() : range).entrySet().iterator(), reverse);
    }

    /** Merges two iterators in the same key order; on equal keys the buffered entry wins. */
    private static final class Overlay implements KeyValueIterator<Bytes, byte[]> {
        private final KeyValueIterator<Bytes, byte[]> committed;
        private final Iterator<Map.Entry<Bytes, byte[]>> buffered;
        private final boolean reverse;
        private Map.Entry<Bytes, byte[]> headBuffered;
        private KeyValue<Bytes, byte[]> next;

        Overlay(KeyValueIterator<Bytes, byte[]> committed, Iterator<Map.Entry<Bytes, byte[]>> buffered,
                boolean reverse) {
            this.committed = committed;
            this.buffered = buffered;
            this.reverse = reverse;
            this.headBuffered = buffered.hasNext() ? buffered.next() : null;
        }

        private void advance() {
            while (next == null) {
                Bytes c = committed.hasNext() ? committed.peekNextKey() : null;
                Bytes b = headBuffered == null ? null : headBuffered.getKey();
                if (c == null && b == null) {
                    return;
                }
                int order;
                if (c == null) {
                    order = 1;
                } else if (b == null) {
                    order = -1;
                } else {
                    order = reverse ? b.compareTo(c) : c.compareTo(b);
                }
                if (order < 0) {
                    next = committed.next();
                    return;
                }
                if (order == 0) {
                    committed.next();
                }
                Map.Entry<Bytes, byte[]> e = headBuffered;
                headBuffered = buffered.hasNext() ? buffered.next() : null;
                if (e.getValue() != DELETED) {
                    next = KeyValue.pair(e.getKey(), e.getValue());
                }
            }
        }

        @Override
        public boolean hasNext() {
            advance();
            return next != null;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> kv = next;
            next = null;
            return kv;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
            committed.close();
        }
    }
}
