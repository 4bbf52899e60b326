package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Bytes;

/**
 * A write cache in front of a byte store: repeated updates of a key between flushes become one write to the store,
 * one changelog record and one record downstream. Dirty entries are written through, oldest first, when the
 * thread's cache budget is exceeded and on every commit. Methods are synchronized because interactive queries read
 * from other threads; only the owning stream thread writes.
 */
public final class CachingKeyValueBytesStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>>
        implements KeyValueStore<Bytes, byte[]> {
    private static final int ENTRY_OVERHEAD = 64;

    private final LinkedHashMap<Bytes, Entry> dirty = new LinkedHashMap<>();
    private InternalStoreContext context;
    private CacheBudget budget;
    private CacheFlushListener listener;
    private boolean sendOldValues;
    private long bytes;
    // the last value read from the inner store: a read-modify-write (every aggregation) then needs no second read
    private Bytes lastReadKey;
    private byte[] lastReadValue;

    private static final class Entry {
        byte[] value;
        final byte[] prior;
        long timestamp;
        Headers headers;

        Entry(byte[] value, byte[] prior, long timestamp, Headers headers) {
            this.value = value;
            this.prior = prior;
            this.timestamp = timestamp;
            this.headers = headers;
        }
    }

    public CachingKeyValueBytesStore(KeyValueStore<Bytes, byte[]> inner) {
        super(inner);
    }

    /**
     * Whether this cache holds writes: not when {@code statestore.cache.max.bytes} is 0, which (as in Kafka Streams)
     * turns record caches off, so that every write goes straight to the store and every update downstream.
     */
    public boolean active() {
        return budget == null || budget.maxBytes() > 0;
    }

    /** Sets who hears about written-through entries, and whether they need the prior value. */
    public synchronized void setFlushListener(CacheFlushListener listener, boolean sendOldValues) {
        this.listener = listener;
        this.sendOldValues = sendOldValues;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = (InternalStoreContext) context;
        this.budget = this.context.cacheBudget();
        inner.init(context, root);
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        Entry e = dirty.get(key);
        if (e != null) {
            return e.value;
        }
        byte[] v = inner.get(key);
        lastReadKey = key;
        lastReadValue = v;
        return v;
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        put(key, value, context.recordTimestamp(), null);
    }

    /**
     * Caches a write with the timestamp and headers of the record that made it: they go downstream with the entry
     * when it is written through (null headers: none).
     */
    public synchronized void put(Bytes key, byte[] value, long ts, Headers headers) {
        if (!active()) {
            inner.put(key, value);
            return;
        }
        Entry e = dirty.get(key);
        if (e != null) {
            long delta = size(value) - size(e.value);
            e.value = value;
            e.timestamp = ts;
            e.headers = headers;
            account(delta);
        } else {
            byte[] prior = !sendOldValues ? null : key.equals(lastReadKey) ? lastReadValue : inner.get(key);
            dirty.put(key, new Entry(value, prior, ts, headers));
            account(key.get().length + size(value) + size(prior) + ENTRY_OVERHEAD);
        }
        if (budget.overBudget()) {
            evict();
        }
    }

    private static long size(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private void account(long delta) {
        bytes += delta;
        budget.add(delta);
    }

    /** Writes through the oldest entries until this cache holds at most half its share. */
    private void evict() {
        long target = bytes / 2;
        List<Map.Entry<Bytes, Entry>> out = new ArrayList<>();
        Iterator<Map.Entry<Bytes, Entry>> it = dirty.entrySet().iterator();
        long freed = 0;
        while (it.hasNext() && bytes - freed > target) {
            Map.Entry<Bytes, Entry> e = it.next();
            freed += e.getKey().get().length + size(e.getValue().value) + size(e.getValue().prior) + ENTRY_OVERHEAD;
            out.add(e);
            it.remove();
        }
        account(-freed);
        writeThrough(out);
    }

    private void writeThrough(List<Map.Entry<Bytes, Entry>> entries) {
        lastReadKey = null;
        lastReadValue = null;
        if (entries.isEmpty()) {
            return;
        }
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(entries.size());
        for (Map.Entry<Bytes, Entry> e : entries) {
            batch.add(KeyValue.pair(e.getKey(), e.getValue().value));
        }
        inner.putAll(batch);
        CacheFlushListener l = listener;
        if (l != null) {
            for (Map.Entry<Bytes, Entry> e : entries) {
                Entry v = e.getValue();
                if (sendOldValues && v.value == null && v.prior == null) {
                    continue; // a delete of a key that was absent changes nothing downstream
                }
                l.apply(e.getKey().get(), v.value, v.prior, v.timestamp, v.headers);
            }
        }
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public synchronized byte[] delete(Bytes key) {
        byte[] old = get(key);
        put(key, null);
        return old;
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return merged(inner.range(from, to), from, to);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> all() {
        return merged(inner.all(), null, null);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return reversed(merged(inner.range(from, to), from, to));
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseAll() {
        return reversed(merged(inner.all(), null, null));
    }

    private static KeyValueIterator<Bytes, byte[]> reversed(KeyValueIterator<Bytes, byte[]> ascending) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        ascending.forEachRemaining(out::add);
        java.util.Collections.reverse(out);
        return new ListKeyValueIterator<>(out);
    }

    private KeyValueIterator<Bytes, byte[]> merged(KeyValueIterator<Bytes, byte[]> stored, Bytes from, Bytes to) {
        TreeMap<Bytes, byte[]> view = new TreeMap<>();
        try (stored) {
            stored.forEachRemaining(kv -> view.put(kv.key, kv.value));
        }
        dirty.forEach((k, e) -> {
            if ((from == null || k.compareTo(from) >= 0) && (to == null || k.compareTo(to) <= 0)) {
                if (e.value == null) {
                    view.remove(k);
                } else {
                    view.put(k, e.value);
                }
            }
        });
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>(view.size());
        view.forEach((k, v) -> out.add(KeyValue.pair(k, v)));
        return new ListKeyValueIterator<>(out);
    }

    @Override
    public synchronized long approximateNumEntries() {
        return inner.approximateNumEntries() + dirty.size();
    }

    /** Writes every dirty entry through (forwarding them), then flushes the inner store. */
    @Override
    public synchronized void flush() {
        flushCache();
        inner.flush();
    }

    /** Writes every dirty entry through without flushing the inner store. */
    public synchronized void flushCache() {
        List<Map.Entry<Bytes, Entry>> all = new ArrayList<>(dirty.entrySet());
        dirty.clear();
        account(-bytes);
        writeThrough(all);
    }

    @Override
    public synchronized void close() {
        account(-bytes);
        dirty.clear();
        inner.close();
    }

}
