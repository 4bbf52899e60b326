package dev.rill.streams.internal.state;

import dev.rill.streams.state.WindowBytesStoreSupplier;
import dev.rill.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/** The window byte stores Rill ships: segmented RocksDB, or in memory (one segment per millisecond, as Kafka Streams). */
public final class WindowSupplier implements WindowBytesStoreSupplier {
    private final String name;
    private final long retentionPeriod;
    private final long windowSize;
    private final long segmentInterval;
    private final boolean retainDuplicates;
    private final boolean persistent;

    public WindowSupplier(String name, long retentionPeriod, long windowSize, long segmentInterval,
                          boolean retainDuplicates, boolean persistent) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
        this.windowSize = windowSize;
        this.segmentInterval = segmentInterval;
        this.retainDuplicates = retainDuplicates;
        this.persistent = persistent;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WindowStore<Bytes, byte[]> get() {
        return new WindowBytesStore(new SegmentedBytesStore(name, TimeKeySchema.WINDOW, retentionPeriod,
                segmentInterval, persistent, retainDuplicates), windowSize, retainDuplicates);
    }

    @Override
    public String metricsScope() {
        return persistent ? "rocksdb-window" : "in-memory-window";
    }

    @Override
    public long segmentIntervalMs() {
        return segmentInterval;
    }

    @Override
    public long windowSize() {
        return windowSize;
    }

    @Override
    public boolean retainDuplicates() {
        return retainDuplicates;
    }

    @Override
    public long retentionPeriod() {
        return retentionPeriod;
    }

    public boolean persistent() {
        return persistent;
    }
}
