package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Bytes;

/**
 * An in-memory byte store that keeps at most {@code maxEntries} keys: writing a new key beyond that removes the
 * least recently read or written one. A change-logging layer above hears of each removal and logs it as a delete,
 * so that a restore gives back the same keys. Synchronized: interactive queries read from other threads.
 */
public final class LruKeyValueBytesStore implements KeyValueStore<Bytes, byte[]>, BulkRestorable {
    private final String name;
    private final int maxEntries;
    private final LinkedHashMap<Bytes, byte[]> map;
    private Consumer<Bytes> evictionListener = key -> { };
    private volatile boolean open;
    // a restore replays the changelog, which already holds the deletes of earlier removals: nothing to log then
    private boolean restoring;

    public LruKeyValueBytesStore(String name, int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("An LRU store keeps at least one entry; maxCacheSize was " + maxEntries);
        }
        this.name = name;
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, byte[]> eldest) {
                if (size() > LruKeyValueBytesStore.this.maxEntries) {
                    if (!restoring) {
                        evictionListener.accept(eldest.getKey());
                    }
                    return true;
                }
                return false;
            }
        };
    }

    /** Whom to tell of each key removed to make room (the change-logging layer logs it as a delete). */
    public synchronized void setEvictionListener(Consumer<Bytes> listener) {
        this.evictionListener = listener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(this, (k, v) -> restoreBatch(List.<byte[][]>of(new byte[][] {k, v})));
        open = true;
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        return map.get(key);
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = map.get(key);
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
        return map.remove(key);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return snapshot(from, to, false);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> all() {
        return snapshot(null, null, false);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return snapshot(from, to, true);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseAll() {
        return snapshot(null, null, true);
    }

    /** A sorted copy; reading a range does not count as a use of its keys. */
    private KeyValueIterator<Bytes, byte[]> snapshot(Bytes from, Bytes to, boolean reverse) {
        TreeMap<Bytes, byte[]> sorted = new TreeMap<>();
        map.forEach((k, v) -> {
            if ((from == null || k.compareTo(from) >= 0) && (to == null || k.compareTo(to) <= 0)) {
                sorted.put(k, v);
            }
        });
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>(sorted.size());
        (reverse ? sorted.descendingMap() : sorted).forEach((k, v) -> out.add(KeyValue.pair(k, v)));
        return new ListKeyValueIterator<>(out);
    }

    @Override
    public synchronized long approximateNumEntries() {
        return map.size();
    }

    @Override
    public synchronized void restoreBatch(List<byte[][]> records) {
        restoring = true;
        try {
            for (byte[][] r : records) {
                put(Bytes.wrap(r[0]), r[1]);
            }
        } finally {
            restoring = false;
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public synchronized void close() {
        open = false;
        map.clear();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
