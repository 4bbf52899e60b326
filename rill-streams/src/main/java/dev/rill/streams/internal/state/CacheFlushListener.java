package dev.rill.streams.internal.state;

/** Told about each entry a write cache writes through (on eviction or flush), to forward it downstream. */
@FunctionalInterface
public interface CacheFlushListener {
    /** @param oldValue the value before the first cached write since the last flush (null if unknown or absent) */
    void apply(byte[] key, byte[] newValue, byte[] oldValue, long timestamp);
}
