package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.state.WindowStoreIterator;
import java.util.List;

/** A window store iterator over a materialized list of (window start, value) entries. */
public final class ListWindowStoreIterator<V> implements WindowStoreIterator<V> {
    private final ListKeyValueIterator<Long, V> entries;

    public ListWindowStoreIterator(List<KeyValue<Long, V>> entries) {
        this.entries = new ListKeyValueIterator<>(entries);
    }

    @Override
    public boolean hasNext() {
        return entries.hasNext();
    }

    @Override
    public KeyValue<Long, V> next() {
        return entries.next();
    }

    @Override
    public Long peekNextKey() {
        return entries.peekNextKey();
    }

    @Override
    public void close() {
    }
}
