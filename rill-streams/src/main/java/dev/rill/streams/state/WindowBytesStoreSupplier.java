package dev.rill.streams.state;

import org.apache.kafka.common.utils.Bytes;

/** Supplies the byte-level store at the bottom of a window store (RocksDB or in-memory); one per task. */
public interface WindowBytesStoreSupplier {
    /** The store name. */
    String name();

    /** A new byte store. */
    WindowStore<Bytes, byte[]> get();

    /** A metrics scope name, e.g. {@code rocksdb-window} or {@code in-memory-window}. */
    String metricsScope();

    /** The time span of one segment (ms): expired data is dropped a whole segment at a time. */
    long segmentIntervalMs();

    /** The size of the windows stored (ms). */
    long windowSize();

    /** Whether every put is kept, even of the same key and window start (for stream-stream joins). */
    boolean retainDuplicates();

    /** How long (ms) a window is kept, counted from its start and the store's observed stream time. */
    long retentionPeriod();
}
