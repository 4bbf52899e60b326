package dev.rill.streams.internal.state;

import java.util.HashMap;
import java.util.Map;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The one memory bound of all RocksDB stores in a process: a shared LRU block cache and a write-buffer manager that
 * charges memtables to the same cache, so block cache + write buffers together stay within
 * {@code rocksdb.memory.max.bytes}.
 */
public final class RocksDbMemory {
    private static final Map<Long, RocksDbMemory> SHARED = new HashMap<>();

    static {
        RocksDB.loadLibrary();
    }

    private final Cache cache;
    private final WriteBufferManager writeBufferManager;

    private RocksDbMemory(long bytes) {
        this.cache = new LRUCache(bytes, -1, false, 0.1);
        // write buffers may use up to half of the bound; their memory is charged to the cache
        this.writeBufferManager = new WriteBufferManager(bytes / 2, cache);
    }

    /** Loads RocksDB's native library now (it is otherwise loaded when the first RocksDB store opens). */
    public static void loadLibrary() {
        // the class initializer did it
    }

    /** The process-wide resources for the given bound (created once per distinct bound). */
    public static synchronized RocksDbMemory shared(long bytes) {
        return SHARED.computeIfAbsent(bytes, RocksDbMemory::new);
    }

    /** Bytes the shared block cache holds now: cached blocks plus the write buffers charged to it. */
    public long cacheUsageBytes() {
        return cache.getUsage();
    }

    Cache cache() {
        return cache;
    }

    WriteBufferManager writeBufferManager() {
        return writeBufferManager;
    }
}
