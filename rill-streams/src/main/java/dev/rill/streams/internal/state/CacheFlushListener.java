package dev.rill.streams.internal.state;

import org.apache.kafka.common.header.Headers;

/** Told about each entry a write cache writes through (on eviction or flush), to forward it downstream. */
@FunctionalInterface
public interface CacheFlushListener {
    /**
     * @param oldValue the value before the first cached write since the last flush (null if unknown or absent)
     * @param headers  the headers of the record that made the last write (null: none)
     */
    void apply(byte[] key, byte[] newValue, byte[] oldValue, long timestamp, Headers headers);
}
