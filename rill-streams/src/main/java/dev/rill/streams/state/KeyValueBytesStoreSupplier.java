package dev.rill.streams.state;

import org.apache.kafka.common.utils.Bytes;

/** Supplies the byte-level store at the bottom of a key-value store (RocksDB or in-memory); one per task. */
public interface KeyValueBytesStoreSupplier {
    /** The store name. */
    String name();

    /** A new byte store. */
    KeyValueStore<Bytes, byte[]> get();

    /** A metrics scope name, e.g. {@code rocksdb} or {@code in-memory}. */
    String metricsScope();
}
