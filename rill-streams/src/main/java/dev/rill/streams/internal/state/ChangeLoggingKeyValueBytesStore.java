package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;

/** Writes every change to the store's changelog partition, then to the inner store. */
public final class ChangeLoggingKeyValueBytesStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>>
        implements KeyValueStore<Bytes, byte[]> {
    private InternalStoreContext context;

    public ChangeLoggingKeyValueBytesStore(KeyValueStore<Bytes, byte[]> inner) {
        super(inner);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = (InternalStoreContext) context;
        inner.init(context, root);
        if (inner instanceof LruKeyValueBytesStore lru) {
            // a key removed to make room is gone from the store, so it must be gone after a restore too
            lru.setEvictionListener(key -> this.context.logChange(name(), key.get(), null,
                    this.context.recordTimestamp()));
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
        inner.put(key, value);
        context.logChange(name(), key.get(), value, context.recordTimestamp());
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = inner.get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        inner.putAll(entries);
        long ts = context.recordTimestamp();
        for (KeyValue<Bytes, byte[]> e : entries) {
            context.logChange(name(), e.key.get(), e.value, ts);
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] old = inner.delete(key);
        context.logChange(name(), key.get(), null, context.recordTimestamp());
        return old;
    }

    @Override
    public byte[] get(Bytes key) {
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return inner.reverseAll();
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

}
