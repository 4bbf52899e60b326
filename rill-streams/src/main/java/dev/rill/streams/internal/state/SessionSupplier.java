package dev.rill.streams.internal.state;

import dev.rill.streams.state.SessionBytesStoreSupplier;
import dev.rill.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

/** The session byte stores Rill ships: segmented RocksDB (segments by session end), or in memory. */
public final class SessionSupplier implements SessionBytesStoreSupplier {
    private final String name;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final boolean persistent;

    public SessionSupplier(String name, long retentionPeriod, long segmentInterval, boolean persistent) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.persistent = persistent;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SessionStore<Bytes, byte[]> get() {
        return new SessionBytesStore(new SegmentedBytesStore(name, TimeKeySchema.SESSION, retentionPeriod,
                segmentInterval, persistent));
    }

    @Override
    public String metricsScope() {
        return persistent ? "rocksdb-session" : "in-memory-session";
    }

    @Override
    public long segmentIntervalMs() {
        return segmentInterval;
    }

    @Override
    public long retentionPeriod() {
        return retentionPeriod;
    }

    public boolean persistent() {
        return persistent;
    }
}
