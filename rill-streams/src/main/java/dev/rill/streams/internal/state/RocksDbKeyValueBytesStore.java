package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A byte store in RocksDB under {@code <state.dir>/<application.id>/<task>/rocksdb/<name>}. Writes skip the WAL: the
 * changelog plus the checkpoint written after {@link #flush()} are the recovery log, as in Kafka Streams.
 *
 * <p>Under exactly-once the task's state manager makes it transactional ({@link TransactionalStore}): writes go to a
 * {@link TransactionBuffer} that reads see, and a commit applies the buffer together with the changelog offsets it
 * reaches (kept in the column family {@value #OFFSETS_CF}) as one RocksDB write batch, through the WAL, so that a
 * process killed at any point leaves the store at exactly its last applied commit.
 */
public final class RocksDbKeyValueBytesStore implements KeyValueStore<Bytes, byte[]>, BulkRestorable,
        TransactionalStore {
    /** The column family holding, per changelog partition, the next changelog offset not in the committed state. */
    static final String OFFSETS_CF = "rill-changelog-offsets";
    /** Buffered bytes above which the store asks for an early commit (bounds the heap a long commit interval uses). */
    static final long BUFFER_COMMIT_BYTES = 64L * 1024 * 1024;

    private final String name;
    private Options options;
    private DBOptions dbOptions;
    private ColumnFamilyOptions dataOptions;
    private ColumnFamilyOptions offsetsOptions;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private ColumnFamilyHandle offsetsCf;
    private InternalStoreContext context;
    /** The open transaction's writes; null unless {@link #beginTransactions()} was called. */
    private volatile TransactionBuffer buffer;
    private WriteOptions writeOptions;
    private FlushOptions flushOptions;
    private BloomFilter filter;
    private volatile RocksDB db;
    private File dir;

    public RocksDbKeyValueBytesStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context instanceof InternalStoreContext ic ? ic : null;
        open(context.appConfigs(), new File(new File(context.stateDir(), "rocksdb"), name));
        // restored records go straight to the committed state, never into a transaction buffer
        context.register(this, (k, v) -> restoreBatch(List.<byte[][]>of(new byte[][] {k, v})));
    }

    /**
     * A store opened at once in {@code dir}, registered with no task: one time segment of a segmented window or
     * session store, which registers itself and feeds its segments.
     */
    static RocksDbKeyValueBytesStore openSegment(String name, File dir, Map<String, Object> appConfigs,
                                                 InternalStoreContext context) {
        RocksDbKeyValueBytesStore store = new RocksDbKeyValueBytesStore(name);
        store.context = context; // a large transaction buffer asks the task for an early commit
        store.open(appConfigs, dir);
        return store;
    }

    private void open(Map<String, Object> appConfigs, File dir) {
        RocksDbMemory.loadLibrary();
        filter = new BloomFilter(10, false);
        options = newOptions(appConfigs, filter, 16 * 1024 * 1024);
        writeOptions = new WriteOptions().setDisableWAL(true);
        flushOptions = new FlushOptions().setWaitForFlush(true);
        this.dir = dir;
        try {
            Files.createDirectories(dir.toPath());
            // all column families flush together, so a flush never persists data without its offsets (or vice versa)
            dbOptions = new DBOptions(options).setCreateMissingColumnFamilies(true).setAtomicFlush(true);
            dataOptions = new ColumnFamilyOptions(options);
            offsetsOptions = new ColumnFamilyOptions();
            db = RocksDB.open(dbOptions, dir.getAbsolutePath(), List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, dataOptions),
                    new ColumnFamilyDescriptor(OFFSETS_CF.getBytes(StandardCharsets.UTF_8), offsetsOptions)), handles);
            offsetsCf = handles.get(1);
        } catch (Exception e) {
            throw new StreamsException("Cannot open RocksDB store " + name + " in " + dir + ": " + e.getMessage()
                    + ". Check that state.dir is writable and that no other instance uses the same state.dir.", e);
        }
    }

    /**
     * Default options but for RocksDB's {@code uncache_aggressiveness} (not settable through the Java options API):
     * the blocks of a file that compaction (or a segment drop, {@link SegmentDropper}) makes obsolete leave the shared
     * block cache at once, instead of holding it until LRU eviction. 10 removed them in our tests (1 left some of a
     * key-value store's); 300 cost the windowed-count benchmark about 15 % of its throughput (its compactions make
     * many files obsolete whose blocks were never cached, and a higher value keeps looking for them).
     */
    private static Options withUncaching() {
        java.util.Properties uncaching = new java.util.Properties();
        uncaching.setProperty("uncache_aggressiveness", "10");
        try (DBOptions db = new DBOptions();
             ColumnFamilyOptions cf = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(uncaching)) {
            if (cf == null) {
                throw new IllegalStateException("RocksDB " + RocksDB.rocksdbVersion() + " does not know the column "
                        + "family option uncache_aggressiveness; use the rocksdbjni version Rill is built with");
            }
            return new Options(db, cf);
        }
    }

    /**
     * The options of Rill's RocksDB stores: block cache and write-buffer manager shared by the process
     * ({@link RocksDbMemory}), bloom filters, universal compaction, LZ4, blocks of obsolete files uncached.
     */
    static Options newOptions(Map<String, Object> appConfigs, BloomFilter filter, long writeBufferSize) {
        Object bound = appConfigs.get(StreamsConfig.ROCKSDB_MEMORY_MAX_BYTES_CONFIG);
        long bytes = bound == null ? StreamsConfig.DEFAULT_ROCKSDB_MEMORY_MAX_BYTES : Long.parseLong(bound.toString());
        RocksDbMemory memory = RocksDbMemory.shared(bytes);
        BlockBasedTableConfig table = new BlockBasedTableConfig();
        table.setBlockCache(memory.cache());
        table.setBlockSize(16 * 1024);
        table.setFilterPolicy(filter);
        table.setCacheIndexAndFilterBlocks(true);
        Options options = withUncaching();
        options.setCreateIfMissing(true);
        options.setErrorIfExists(false);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBufferManager());
        options.setWriteBufferSize(writeBufferSize);
        options.setMaxWriteBufferNumber(3);
        options.setCompactionStyle(CompactionStyle.UNIVERSAL);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        options.setIncreaseParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()));
        options.setMaxOpenFiles(-1);
        return options;
    }

    private RocksDB db() {
        RocksDB d = db;
        if (d == null) {
            throw new InvalidStateStoreException("RocksDB store " + name + " is closed: its task was closed (moved to "
                    + "another instance, or this instance is rebalancing or stopping). Query the store again.");
        }
        return d;
    }

    @Override
    public byte[] get(Bytes key) {
        TransactionBuffer b = buffer;
        if (b != null) {
            byte[] buffered = b.get(key);
            if (buffered != null) {
                return buffered == TransactionBuffer.DELETED ? null : buffered;
            }
        }
        try {
            return db().get(key.get());
        } catch (RocksDBException e) {
            throw new StreamsException("Reading from RocksDB store " + name + " failed", e);
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
        TransactionBuffer b = buffer;
        if (b != null) {
            db();
            b.put(key, value);
            askForCommitIfLarge(b);
            return;
        }
        try {
            if (value == null) {
                db().delete(writeOptions, key.get());
            } else {
                db().put(writeOptions, key.get(), value);
            }
        } catch (RocksDBException e) {
            throw new StreamsException("Writing to RocksDB store " + name + " failed", e);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        TransactionBuffer b = buffer;
        if (b != null) {
            db();
            entries.forEach(e -> b.put(e.key, e.value));
            askForCommitIfLarge(b);
            return;
        }
        RocksDbBatch batch = new RocksDbBatch();
        for (KeyValue<Bytes, byte[]> e : entries) {
            if (e.value == null) {
                batch.delete(e.key.get());
            } else {
                batch.put(e.key.get(), e.value);
            }
        }
        write(batch, "Batch write to");
    }

    @Override
    public void restoreBatch(List<byte[][]> records) {
        write(restoreBatchOf(records), Map.of(), "Restoring");
    }

    @Override
    public void restoreBatch(List<byte[][]> records, TopicPartition changelog, long nextOffset) {
        write(restoreBatchOf(records), Map.of(changelog, nextOffset), "Restoring");
    }

    private static RocksDbBatch restoreBatchOf(List<byte[][]> records) {
        RocksDbBatch batch = new RocksDbBatch();
        for (byte[][] r : records) {
            if (r[1] == null) {
                batch.delete(r[0]);
            } else {
                batch.put(r[0], r[1]);
            }
        }
        return batch;
    }

    /** Applies a batch built on the Java side in one JNI call, with the given changelog offsets in the same batch. */
    private void write(RocksDbBatch batch, Map<TopicPartition, Long> offsets, String what) {
        if (batch.count() == 0 && offsets.isEmpty()) {
            return;
        }
        try (WriteBatch wb = new WriteBatch(batch.data())) {
            ChangelogOffsetsColumn.put(wb, offsetsCf, offsets);
            db().write(writeOptions, wb);
        } catch (RocksDBException e) {
            throw new StreamsException(what + " RocksDB store " + name + " failed", e);
        }
    }

    private void write(RocksDbBatch batch, String what) {
        write(batch, Map.of(), what);
    }

    // ---- TransactionalStore

    @Override
    public Map<TopicPartition, Long> beginTransactions() {
        // the WAL goes to the OS at every write (not synced): a killed process loses no applied commit
        writeOptions.setDisableWAL(false);
        buffer = new TransactionBuffer();
        return committedOffsets();
    }

    @Override
    public void dropCommittedOffsets() {
        try {
            ChangelogOffsetsColumn.clear(db(), offsetsCf, writeOptions);
        } catch (RocksDBException e) {
            throw new StreamsException("Clearing the changelog offsets of RocksDB store " + name + " failed", e);
        }
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        TransactionBuffer b = buffer;
        if (b == null || b.isEmpty()) {
            return;
        }
        RocksDbBatch batch = new RocksDbBatch();
        b.writeTo(batch);
        write(batch, changelogOffsets, "Committing to");
        b.clear();
    }

    /**
     * Like {@link #commit} but writes the offsets even when nothing was buffered: a time segment of a segmented store
     * records every commit of its store, so that the least offset over the segments is where the store is.
     */
    void commitWithOffsets(Map<TopicPartition, Long> changelogOffsets) {
        TransactionBuffer b = buffer;
        RocksDbBatch batch = new RocksDbBatch();
        if (b != null) {
            b.writeTo(batch);
        }
        write(batch, changelogOffsets, "Committing to");
        if (b != null) {
            b.clear();
        }
    }

    /** Whether the open transaction has buffered writes. */
    boolean hasBufferedWrites() {
        TransactionBuffer b = buffer;
        return b != null && !b.isEmpty();
    }

    /** Whether the committed state holds no entry (the open transaction's writes aside). */
    boolean committedEmpty() {
        try (RocksIterator it = db().newIterator()) {
            it.seekToFirst();
            return !it.isValid();
        }
    }

    /** The changelog offsets stored with the committed state. */
    Map<TopicPartition, Long> committedOffsets() {
        return ChangelogOffsetsColumn.read(db(), offsetsCf);
    }


    private void askForCommitIfLarge(TransactionBuffer b) {
        if (b.bytes() > BUFFER_COMMIT_BYTES && context != null) {
            context.requestCommit();
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] old = get(key);
        put(key, null);
        return old;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return iterator(from, to, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return iterator(null, null, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return iterator(from, to, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return iterator(null, null, true);
    }

    /** Committed entries of the range, overlaid with the open transaction's writes under exactly-once. */
    private KeyValueIterator<Bytes, byte[]> iterator(Bytes from, Bytes to, boolean reverse) {
        KeyValueIterator<Bytes, byte[]> committed = new RangeIterator(db().newIterator(), from, to, reverse);
        TransactionBuffer b = buffer;
        return b == null || b.isEmpty() ? committed : b.overlay(committed, from, to, reverse);
    }

    @Override
    public long approximateNumEntries() {
        try {
            return db().getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new StreamsException("Reading the entry estimate of RocksDB store " + name + " failed", e);
        }
    }

    @Override
    public void flush() {
        RocksDB d = db;
        if (d == null) {
            return;
        }
        try {
            d.flush(flushOptions, handles);
        } catch (RocksDBException e) {
            throw new StreamsException("Flushing RocksDB store " + name + " failed", e);
        }
    }

    /** Compacts every file of the store into one and waits for it (tests of what compaction leaves behind). */
    public void compactNow() {
        try {
            db().compactRange();
        } catch (RocksDBException e) {
            throw new StreamsException("Compacting RocksDB store " + name + " failed", e);
        }
    }

    @Override
    public synchronized void close() {
        RocksDB d = db;
        if (d == null) {
            return;
        }
        db = null;
        // an open transaction's writes are dropped: its changelog records were not committed either
        buffer = null;
        handles.forEach(ColumnFamilyHandle::close);
        handles.clear();
        d.close();
        dbOptions.close();
        dataOptions.close();
        offsetsOptions.close();
        writeOptions.close();
        flushOptions.close();
        options.close();
        filter.close();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return db != null;
    }

    /**
     * Entries from {@code from} to {@code to} (both inclusive; null: open), ascending, or from {@code to} down to
     * {@code from} when {@code reverse}.
     */
    static final class RangeIterator implements KeyValueIterator<Bytes, byte[]> {
        private final RocksIterator it;
        private final byte[] end;
        private final boolean reverse;
        private boolean closed;
        // the key at the iterator's position, read once (each read copies it out of RocksDB)
        private byte[] key;

        /** Whether closing this closes the RocksDB iterator (false: the caller reuses it). */
        private final boolean ownsIterator;

        RangeIterator(RocksIterator it, Bytes from, Bytes to, boolean reverse) {
            this(it, from, to, reverse, true);
        }

        RangeIterator(RocksIterator it, Bytes from, Bytes to, boolean reverse, boolean ownsIterator) {
            this.it = it;
            this.reverse = reverse;
            this.ownsIterator = ownsIterator;
            Bytes start = reverse ? to : from;
            Bytes stop = reverse ? from : to;
            this.end = stop == null ? null : stop.get();
            if (start == null) {
                if (reverse) {
                    it.seekToLast();
                } else {
                    it.seekToFirst();
                }
            } else if (reverse) {
                it.seekForPrev(start.get());
            } else {
                it.seek(start.get());
            }
        }

        @Override
        public boolean hasNext() {
            if (key != null) {
                return true;
            }
            if (closed || !it.isValid()) {
                close();
                return false;
            }
            byte[] k = it.key();
            if (end != null) {
                int c = Bytes.BYTES_LEXICO_COMPARATOR.compare(k, end);
                if (reverse ? c < 0 : c > 0) {
                    close();
                    return false;
                }
            }
            key = k;
            return true;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> kv = KeyValue.pair(Bytes.wrap(key), it.value());
            key = null;
            if (reverse) {
                it.prev();
            } else {
                it.next();
            }
            return kv;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return Bytes.wrap(key);
        }

        @Override
        public void close() {
            key = null;
            if (!closed) {
                closed = true;
                if (ownsIterator) {
                    it.close();
                }
            }
        }
    }
}
