package dev.rill.streams.state;

import org.apache.kafka.common.utils.Bytes;

/** Supplies the byte-level store at the bottom of a session store (RocksDB or in-memory); one per task. */
public interface SessionBytesStoreSupplier {
    /** The store name. */
    String name();

    /** A new byte store. */
    SessionStore<Bytes, byte[]> get();

    /** A metrics scope name, e.g. {@code rocksdb-session} or {@code in-memory-session}. */
    String metricsScope();

    /** The time span of one segment (ms): expired sessions are dropped a whole segment at a time. */
    long segmentIntervalMs();

    /** How long (ms) a session is kept, counted from its end and the store's observed stream time. */
    long retentionPeriod();
}
