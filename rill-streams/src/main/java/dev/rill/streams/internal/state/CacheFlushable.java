package dev.rill.streams.internal.state;

/**
 * A store whose write cache the engine writes through on commit, before it flushes the stores to disk and writes the
 * checkpoint. Any store kind (key-value, window, session) with a caching layer has this role; a store without a
 * cache does nothing.
 */
public interface CacheFlushable {
    /** Writes every dirty cache entry through to the layers below (forwarding it downstream), without a disk flush. */
    void flushCache();
}
