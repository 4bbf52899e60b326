package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.utils.Bytes;

/** A byte store in a concurrent sorted map: lost on restart, restored from the changelog. */
public final class InMemoryKeyValueBytesStore implements KeyValueStore<Bytes, byte[]>, BulkRestorable {
    private final String name;
    private final ConcurrentSkipListMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>();
    private volatile boolean open;

    public InMemoryKeyValueBytesStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(this, (k, v) -> put(Bytes.wrap(k), v));
        open = true;
    }

    @Override
    public byte[] get(Bytes key) {
        return map.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = map.get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        return map.remove(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return snapshot(view(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return snapshot(view(from, to).descendingMap());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return snapshot(map.descendingMap());
    }

    private NavigableMap<Bytes, byte[]> view(Bytes from, Bytes to) {
        NavigableMap<Bytes, byte[]> view = map;
        if (from != null && to != null && from.compareTo(to) > 0) {
            return Collections.emptyNavigableMap();
        }
        if (from != null) {
            view = view.tailMap(from, true);
        }
        if (to != null) {
            view = view.headMap(to, true);
        }
        return view;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return snapshot(map);
    }

    private static KeyValueIterator<Bytes, byte[]> snapshot(Map<Bytes, byte[]> view) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        view.forEach((k, v) -> out.add(KeyValue.pair(k, v)));
        return new ListKeyValueIterator<>(out);
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
    }

    @Override
    public void restoreBatch(List<byte[][]> records) {
        for (byte[][] r : records) {
            put(Bytes.wrap(r[0]), r[1]);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
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
