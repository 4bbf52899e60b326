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
import java.nio.file.Files;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
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
 */
public final class RocksDbKeyValueBytesStore implements KeyValueStore<Bytes, byte[]>, BulkRestorable {
    private final String name;
    private Options options;
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
        Object bound = context.appConfigs().get(StreamsConfig.ROCKSDB_MEMORY_MAX_BYTES_CONFIG);
        long bytes = bound == null ? StreamsConfig.DEFAULT_ROCKSDB_MEMORY_MAX_BYTES : Long.parseLong(bound.toString());
        RocksDbMemory memory = RocksDbMemory.shared(bytes);
        BlockBasedTableConfig table = new BlockBasedTableConfig();
        filter = new BloomFilter(10, false);
        table.setBlockCache(memory.cache());
        table.setBlockSize(16 * 1024);
        table.setFilterPolicy(filter);
        table.setCacheIndexAndFilterBlocks(true);
        options = new Options();
        options.setCreateIfMissing(true);
        options.setErrorIfExists(false);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBufferManager());
        options.setWriteBufferSize(16 * 1024 * 1024);
        options.setMaxWriteBufferNumber(3);
        options.setCompactionStyle(CompactionStyle.UNIVERSAL);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        options.setIncreaseParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()));
        options.setMaxOpenFiles(-1);
        writeOptions = new WriteOptions().setDisableWAL(true);
        flushOptions = new FlushOptions().setWaitForFlush(true);
        dir = new File(new File(context.stateDir(), "rocksdb"), name);
        try {
            Files.createDirectories(dir.toPath());
            db = RocksDB.open(options, dir.getAbsolutePath());
            context.register(this, (k, v) -> put(Bytes.wrap(k), v));
        } catch (Exception e) {
            throw new StreamsException("Cannot open RocksDB store " + name + " in " + dir + ": " + e.getMessage()
                    + ". Check that state.dir is writable and that no other instance uses the same state.dir.", e);
        }
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
        try {
            return db().get(key.get());
        } catch (RocksDBException e) {
            throw new StreamsException("Reading from RocksDB store " + name + " failed", e);
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
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
        RocksDbBatch batch = new RocksDbBatch();
        for (byte[][] r : records) {
            if (r[1] == null) {
                batch.delete(r[0]);
            } else {
                batch.put(r[0], r[1]);
            }
        }
        write(batch, "Restoring");
    }

    /** Applies a batch built on the Java side in one JNI call. */
    private void write(RocksDbBatch batch, String what) {
        if (batch.count() == 0) {
            return;
        }
        try (WriteBatch wb = new WriteBatch(batch.data())) {
            db().write(writeOptions, wb);
        } catch (RocksDBException e) {
            throw new StreamsException(what + " RocksDB store " + name + " failed", e);
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
        return new RangeIterator(db().newIterator(), from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return new RangeIterator(db().newIterator(), null, null);
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
            d.flush(flushOptions);
        } catch (RocksDBException e) {
            throw new StreamsException("Flushing RocksDB store " + name + " failed", e);
        }
    }

    @Override
    public synchronized void close() {
        RocksDB d = db;
        if (d == null) {
            return;
        }
        db = null;
        d.close();
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

    private static final class RangeIterator implements KeyValueIterator<Bytes, byte[]> {
        private final RocksIterator it;
        private final byte[] to;
        private boolean closed;

        RangeIterator(RocksIterator it, Bytes from, Bytes to) {
            this.it = it;
            this.to = to == null ? null : to.get();
            if (from == null) {
                it.seekToFirst();
            } else {
                it.seek(from.get());
            }
        }

        @Override
        public boolean hasNext() {
            if (closed || !it.isValid()) {
                close();
                return false;
            }
            if (to != null && Bytes.BYTES_LEXICO_COMPARATOR.compare(it.key(), to) > 0) {
                close();
                return false;
            }
            return true;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> kv = KeyValue.pair(Bytes.wrap(it.key()), it.value());
            it.next();
            return kv;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return Bytes.wrap(it.key());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                it.close();
            }
        }
    }
}
