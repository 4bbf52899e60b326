package dev.rill.streams.state;

/**
 * The windows of one key in a window store: each entry's key is the window's start timestamp (epoch ms). Close it
 * when done.
 */
public interface WindowStoreIterator<V> extends KeyValueIterator<Long, V> {
    @Override
    void close();
}
