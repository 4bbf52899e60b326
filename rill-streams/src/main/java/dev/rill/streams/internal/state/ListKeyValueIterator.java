package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.state.KeyValueIterator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** An iterator over a materialized list of entries (a snapshot, safe against concurrent writes). */
public final class ListKeyValueIterator<K, V> implements KeyValueIterator<K, V> {
    private final Iterator<KeyValue<K, V>> it;
    private KeyValue<K, V> next;

    public ListKeyValueIterator(List<KeyValue<K, V>> entries) {
        this.it = entries.iterator();
        this.next = it.hasNext() ? it.next() : null;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public KeyValue<K, V> next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        KeyValue<K, V> r = next;
        next = it.hasNext() ? it.next() : null;
        return r;
    }

    @Override
    public K peekNextKey() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        return next.key;
    }

    @Override
    public void close() {
    }
}
