package dev.rill.streams.state;

import dev.rill.streams.KeyValue;
import java.io.Closeable;
import java.util.Iterator;

/** An iterator over store entries in key order; close it when done (it may hold native resources). */
public interface KeyValueIterator<K, V> extends Iterator<KeyValue<K, V>>, Closeable {
    @Override
    void close();

    /** The next key without advancing. */
    K peekNextKey();
}
