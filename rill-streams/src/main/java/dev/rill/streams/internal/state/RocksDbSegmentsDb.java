package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.state.KeyValueIterator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Logger;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.LoggerFactory;

/**
 * The one RocksDB database of a persistent segmented store ({@link SegmentedBytesStore}), in
 * {@code <task dir>/rocksdb/<store name>}: every time segment is a column family of it, named
 * {@code <store name>.<segment id * segment interval>}, created when the segment opens and dropped as a whole when it
 * expires (nothing is deleted key by key). The column family {@value RocksDbKeyValueBytesStore#OFFSETS_CF} holds,
 * under exactly-once, the changelog offsets the committed state reaches.
 *
 * <p>One database per store instead of one per segment: opening a segment is a column family creation (no new
 * database, log file, table cache), dropping it is one call, all segments share one memtable budget and flush in one
 * atomic flush, and a commit under exactly-once writes every segment's buffered writes and the offsets in one atomic
 * WAL batch. Writes skip the WAL unless the store is transactional.
 */
final class RocksDbSegmentsDb {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(RocksDbSegmentsDb.class);
    /**
     * Memtable size of a segment's column family. Segments are many and small (a join store's segment holds about a
     * minute of one partition's records), and a memtable allocates its arena in blocks of an eighth of this size.
     */
    static final long SEGMENT_WRITE_BUFFER_BYTES = 4L * 1024 * 1024;

    private final String name;
    private final File dir;
    private final BloomFilter filter;
    private final Options options;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions segmentOptions;
    private final ColumnFamilyOptions defaultOptions;
    private final ColumnFamilyOptions offsetsOptions;
    private final WriteOptions writeOptions;
    private final FlushOptions flushOptions;
    private final ColumnFamilyHandle defaultCf;
    private final ColumnFamilyHandle offsetsCf;
    /** Segment column families by name. */
    private final Map<String, ColumnFamilyHandle> segments = new LinkedHashMap<>();
    /** Segments whose drop was submitted to the {@link SegmentDropper} and may not have ended yet. */
    private final Set<String> dropping = ConcurrentHashMap.newKeySet();
    /** The last drop submitted (drops end in submission order); null if none. */
    private volatile Future<?> lastDrop;
    private volatile RocksDB db;
    /** Whether anything was written since the last flush. */
    private boolean dirty;

    RocksDbSegmentsDb(String name, File dir, Map<String, Object> appConfigs) {
        this.name = name;
        this.dir = dir;
        RocksDbMemory.loadLibrary();
        this.filter = new BloomFilter(10, false);
        this.options = RocksDbKeyValueBytesStore.newOptions(appConfigs, filter, SEGMENT_WRITE_BUFFER_BYTES);
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        this.flushOptions = new FlushOptions().setWaitForFlush(true);
        // all column families flush together, so a flush never persists data without its offsets (or vice versa)
        this.dbOptions = new DBOptions(options).setCreateMissingColumnFamilies(true).setAtomicFlush(true)
                // the database lives as long as the store while segments come and go: creating a column family
                // writes all its options into RocksDB's info log (LOG) and every segment change is a manifest record,
                // so warnings and errors go to the application's log instead of a LOG file, and the manifest is
                // rewritten when it grows (a database per segment used to take its files with it when it expired)
                .setLogger(rocksDbLogger())
                .setMaxManifestFileSize(4L * 1024 * 1024);
        this.segmentOptions = new ColumnFamilyOptions(options);
        this.defaultOptions = new ColumnFamilyOptions(options);
        this.offsetsOptions = new ColumnFamilyOptions();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaultOptions));
        descriptors.add(new ColumnFamilyDescriptor(bytes(RocksDbKeyValueBytesStore.OFFSETS_CF), offsetsOptions));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            Files.createDirectories(dir.toPath());
            if (new File(dir, "CURRENT").exists()) {
                for (byte[] cf : RocksDB.listColumnFamilies(options, dir.getAbsolutePath())) {
                    String cfName = new String(cf, StandardCharsets.UTF_8);
                    if (cfName.startsWith(name + ".")) {
                        descriptors.add(new ColumnFamilyDescriptor(cf, segmentOptions));
                    }
                }
            }
            db = RocksDB.open(dbOptions, dir.getAbsolutePath(), descriptors, handles);
        } catch (Exception e) {
            close(handles);
            throw new StreamsException("Cannot open RocksDB store " + name + " in " + dir + ": " + e.getMessage()
                    + ". Check that state.dir is writable and that no other instance uses the same state.dir.", e);
        }
        defaultCf = handles.get(0);
        offsetsCf = handles.get(1);
        for (int i = 2; i < handles.size(); i++) {
            segments.put(new String(descriptors.get(i).getName(), StandardCharsets.UTF_8), handles.get(i));
        }
    }

    private static Logger rocksDbLogger;

    /** RocksDB's warnings and errors of every segment database, in the application's log. */
    private static synchronized Logger rocksDbLogger() {
        if (rocksDbLogger == null) {
            rocksDbLogger = new Logger(InfoLogLevel.WARN_LEVEL) {
                @Override
                protected void log(InfoLogLevel level, String message) {
                    if (level == InfoLogLevel.WARN_LEVEL) {
                        LOG.warn("RocksDB: {}", message);
                    } else {
                        LOG.error("RocksDB: {}", message);
                    }
                }
            };
        }
        return rocksDbLogger;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private RocksDB db() {
        RocksDB d = db;
        if (d == null) {
            throw new InvalidStateStoreException("RocksDB store " + name + " is closed: its task was closed (moved to "
                    + "another instance, or this instance is rebalancing or stopping). Query the store again.");
        }
        return d;
    }

    File directory() {
        return dir;
    }

    /** The names of the segment column families the database held when it opened (or has created since). */
    List<String> segmentNames() {
        return new ArrayList<>(segments.keySet());
    }

    /** The column family of a segment, created if missing. */
    ColumnFamilyHandle segment(String segmentName) {
        ColumnFamilyHandle h = segments.get(segmentName);
        if (h == null) {
            if (dropping.contains(segmentName)) {
                SegmentDropper.await(lastDrop); // a column family cannot be created while one of that name exists
            }
            try {
                h = db().createColumnFamily(new ColumnFamilyDescriptor(bytes(segmentName), segmentOptions));
            } catch (RocksDBException e) {
                throw new StreamsException("Cannot create the segment " + segmentName + " of RocksDB store " + name
                        + " in " + dir, e);
            }
            segments.put(segmentName, h);
        }
        return h;
    }

    /**
     * Drops a segment's column family with everything in it. The segment is gone for this store at once; the
     * {@link SegmentDropper} removes it from the database in the background ({@link #close} waits for that).
     */
    void drop(String segmentName) {
        ColumnFamilyHandle h = segments.remove(segmentName);
        if (h == null) {
            return;
        }
        dropping.add(segmentName);
        lastDrop = SegmentDropper.submit(name, segmentName, db(), h, () -> dropping.remove(segmentName));
    }

    /** Waits until every drop submitted so far has ended. */
    void awaitDrops() {
        SegmentDropper.await(lastDrop);
    }

    byte[] get(ColumnFamilyHandle cf, byte[] key) {
        try {
            return db().get(cf, key);
        } catch (RocksDBException e) {
            throw new StreamsException("Reading from RocksDB store " + name + " failed", e);
        }
    }

    void put(ColumnFamilyHandle cf, byte[] key, byte[] value) {
        try {
            if (value == null) {
                db().delete(cf, writeOptions, key);
            } else {
                db().put(cf, writeOptions, key, value);
            }
            dirty = true;
        } catch (RocksDBException e) {
            throw new StreamsException("Writing to RocksDB store " + name + " failed", e);
        }
    }

    /** Committed entries of a column family from {@code from} to {@code to} (inclusive; null: open). */
    KeyValueIterator<Bytes, byte[]> range(ColumnFamilyHandle cf, Bytes from, Bytes to, boolean reverse) {
        return new RocksDbKeyValueBytesStore.RangeIterator(db().newIterator(cf), from, to, reverse);
    }

    /**
     * Appends a column family's committed entries from {@code from} to {@code to} (inclusive; null: open) to
     * {@code out}, through an iterator the caller keeps for its next read: created if {@code reused} is null, else
     * refreshed to the latest writes. Refreshing is cheap while the column family's memtable and files stay the same,
     * and creating and closing an iterator per read was the costliest part of a join's window-store fetch. Returns the
     * iterator.
     */
    RocksIterator readRange(ColumnFamilyHandle cf, RocksIterator reused, Bytes from, Bytes to, boolean reverse,
                            List<KeyValue<Bytes, byte[]>> out) {
        RocksIterator it = reused;
        if (it == null) {
            it = db().newIterator(cf);
        } else {
            try {
                it.refresh();
            } catch (RocksDBException e) {
                throw new StreamsException("Reading from RocksDB store " + name + " failed", e);
            }
        }
        try (KeyValueIterator<Bytes, byte[]> range = new RocksDbKeyValueBytesStore.RangeIterator(it, from, to,
                reverse, false)) {
            range.forEachRemaining(out::add);
        }
        return it;
    }

    long approximateNumEntries(ColumnFamilyHandle cf) {
        try {
            return db().getLongProperty(cf, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new StreamsException("Reading the entry estimate of RocksDB store " + name + " failed", e);
        }
    }

    /** Whether no segment holds a committed entry. */
    boolean committedEmpty() {
        for (ColumnFamilyHandle h : segments.values()) {
            try (RocksIterator it = db().newIterator(h)) {
                it.seekToFirst();
                if (it.isValid()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Writes go through the WAL from now on (exactly-once: a killed process loses no applied commit). */
    void enableWal() {
        writeOptions.setDisableWAL(false);
    }

    /** Applies a batch (built with the column families' ids) and the offsets in one atomic write. */
    void write(RocksDbBatch batch, Map<TopicPartition, Long> offsets, String what) {
        if (batch.count() == 0 && offsets.isEmpty()) {
            return;
        }
        try (WriteBatch wb = new WriteBatch(batch.data())) {
            ChangelogOffsetsColumn.put(wb, offsetsCf, offsets);
            db().write(writeOptions, wb);
            dirty = true;
        } catch (RocksDBException e) {
            throw new StreamsException(what + " RocksDB store " + name + " failed", e);
        }
    }

    /** The changelog offsets stored with the committed state. */
    Map<TopicPartition, Long> committedOffsets() {
        return ChangelogOffsetsColumn.read(db(), offsetsCf);
    }

    void dropCommittedOffsets() {
        try {
            ChangelogOffsetsColumn.clear(db(), offsetsCf, writeOptions);
            dirty = true;
        } catch (RocksDBException e) {
            throw new StreamsException("Clearing the changelog offsets of RocksDB store " + name + " failed", e);
        }
    }


    /** Flushes every column family's memtable in one atomic flush, if anything was written since the last one. */
    void flush() {
        RocksDB d = db;
        if (d == null || !dirty) {
            return;
        }
        List<ColumnFamilyHandle> all = new ArrayList<>(segments.size() + 2);
        all.add(defaultCf);
        all.add(offsetsCf);
        all.addAll(segments.values());
        try {
            d.flush(flushOptions, all);
            dirty = false;
        } catch (RocksDBException e) {
            throw new StreamsException("Flushing RocksDB store " + name + " failed", e);
        }
    }

    synchronized void close() {
        RocksDB d = db;
        if (d == null) {
            return;
        }
        awaitDrops();
        db = null;
        List<ColumnFamilyHandle> handles = new ArrayList<>(segments.values());
        handles.add(defaultCf);
        handles.add(offsetsCf);
        segments.clear();
        close(handles);
        d.close();
        dbOptions.close();
        segmentOptions.close();
        defaultOptions.close();
        offsetsOptions.close();
        writeOptions.close();
        flushOptions.close();
        options.close();
        filter.close();
    }

    private static void close(List<ColumnFamilyHandle> handles) {
        handles.forEach(ColumnFamilyHandle::close);
    }
}
