package dev.rill.streams.internal.state;

import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The byte store under a window or session store: store keys ({@link TimeKeySchema}) split by time into segments of
 * {@code segmentInterval} ms, segment id = segment time / interval.
 *
 * <p>Retention works on whole segments, as in Kafka Streams: the store tracks the largest segment time it has seen
 * (its <em>observed stream time</em>); a write to a segment older than the one holding
 * {@code observedStreamTime - retentionPeriod} is dropped, and such segments are dropped as a unit (a RocksDB segment
 * is one column family, dropped with everything in it; nothing is deleted key by key). Reads hide every entry whose
 * segment time is at or before {@code observedStreamTime - retentionPeriod}, even if its segment still exists.
 *
 * <p>Persistent segments live in one RocksDB database per store, {@code <task dir>/rocksdb/<name>}, one column
 * family per segment named {@code <name>.<segment id * interval>} ({@link RocksDbSegmentsDb}); in-memory ones in
 * sorted maps. (Earlier versions kept each segment in its own database, in a subdirectory of that name; such a
 * directory is copied into its column family and deleted when the store opens.) Range reads return segment after
 * segment (oldest first, or newest first in reverse), each in store key order — Kafka Streams' order — so a range is
 * not in global byte order across segments. Methods are synchronized: interactive queries read from other threads
 * while the stream thread writes and drops segments, and reads return materialized results so no iterator outlives a
 * dropped segment.
 *
 * <p>Under exactly-once a persistent store is a {@link TransactionalStore}: each RocksDB segment buffers the open
 * transaction's writes it receives (reads and range scans of the segment merge them over its committed state), and a
 * commit applies the buffered writes of every segment together with the changelog offsets in one atomic WAL batch of
 * the store's database, so the offsets stored in the database are exactly where its committed state is. A database
 * holding data but no offsets (written when the store was not transactional) makes the position unknown, and the
 * task wipes the store.
 */
public final class SegmentedBytesStore implements KeyValueStore<Bytes, byte[]>, BulkRestorable, TransactionalStore {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentedBytesStore.class);

    /** One time segment: a sorted byte map, in RocksDB or in memory. */
    interface Segment {
        byte[] get(Bytes key);

        void put(Bytes key, byte[] value);

        void range(Bytes from, Bytes to, boolean reverse, List<KeyValue<Bytes, byte[]>> out);

        long size();

        void flush();

        void close();

        /** Closes the segment and deletes whatever it holds on disk. */
        void destroy();
    }

    private final String name;
    private final TimeKeySchema schema;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final boolean persistent;
    private final boolean retainDuplicates;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private long observedStreamTime = -1L;
    private File dir;
    /** The database of a persistent store's segments. */
    private RocksDbSegmentsDb db;
    private Map<String, Object> appConfigs;
    private InternalStoreContext context;
    private volatile boolean open;
    /** Exactly-once: segments buffer the open transaction's writes. */
    private boolean transactional;
    /** The offsets of the last commit or restored batch, written with a commit that names none. */
    private Map<TopicPartition, Long> committedOffsets = Map.of();
    /** While a restored batch is routed: the records per segment id, applied straight to the committed state. */
    private Map<Long, List<byte[][]>> restoreRouting;

    public SegmentedBytesStore(String name, TimeKeySchema schema, long retentionPeriod, long segmentInterval,
                               boolean persistent) {
        this(name, schema, retentionPeriod, segmentInterval, persistent, false);
    }

    /**
     * @param retainDuplicates whether every store key is written once (a window store keeping duplicates): then a
     *                         delete can only name an entry that never existed, and is ignored without advancing
     *                         observed stream time, as Kafka Streams ignores it
     */
    public SegmentedBytesStore(String name, TimeKeySchema schema, long retentionPeriod, long segmentInterval,
                               boolean persistent, boolean retainDuplicates) {
        if (segmentInterval < 1) {
            throw new IllegalArgumentException("segmentInterval must be at least 1 ms but was " + segmentInterval);
        }
        this.name = name;
        this.schema = schema;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.persistent = persistent;
        this.retainDuplicates = retainDuplicates;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        appConfigs = context.appConfigs();
        this.context = context instanceof InternalStoreContext ic ? ic : null;
        if (persistent) {
            dir = new File(new File(context.stateDir(), "rocksdb"), name);
            openExistingSegments();
        }
        context.register(this, (k, v) -> put(Bytes.wrap(k), v));
        open = true;
    }

    private void openExistingSegments() {
        db = new RocksDbSegmentsDb(name, dir, appConfigs);
        migrateSegmentDirectories();
        for (String segmentName : db.segmentNames()) {
            try {
                long start = Long.parseLong(segmentName.substring(name.length() + 1));
                segmentOrCreate(start / segmentInterval);
            } catch (NumberFormatException e) {
                LOG.warn("Ignoring the column family {} of store {}: not a segment", segmentName, name);
            }
        }
    }

    /**
     * Copies segments an earlier version kept in databases of their own ({@code <dir>/<name>.<start>}) into their
     * column families, with the changelog offsets they stored (the least over the segments, as that version read
     * them), then deletes those directories.
     */
    private void migrateSegmentDirectories() {
        File[] old = dir.listFiles(f -> f.isDirectory() && f.getName().startsWith(name + ".")
                && new File(f, "CURRENT").exists());
        if (old == null || old.length == 0) {
            return;
        }
        Map<TopicPartition, Long> least = new HashMap<>();
        boolean unknown = false;
        for (File segmentDir : old) {
            String segmentName = segmentDir.getName();
            RocksDbKeyValueBytesStore segment = RocksDbKeyValueBytesStore.openSegment(segmentName, segmentDir,
                    appConfigs, null);
            try {
                int cf = db.segment(segmentName).getID();
                RocksDbBatch batch = new RocksDbBatch();
                boolean empty = true;
                try (KeyValueIterator<Bytes, byte[]> it = segment.all()) {
                    while (it.hasNext()) {
                        KeyValue<Bytes, byte[]> kv = it.next();
                        batch.put(cf, kv.key.get(), kv.value);
                        empty = false;
                        if (batch.count() >= 10_000) {
                            db.write(batch, Map.of(), "Migrating a segment to");
                            batch = new RocksDbBatch();
                        }
                    }
                }
                db.write(batch, Map.of(), "Migrating a segment to");
                Map<TopicPartition, Long> stored = segment.committedOffsets();
                if (stored.isEmpty()) {
                    unknown |= !empty;
                } else if (least.isEmpty()) {
                    least.putAll(stored);
                } else {
                    unknown |= !least.keySet().equals(stored.keySet());
                    stored.forEach((tp, o) -> least.merge(tp, o, Math::min));
                }
            } finally {
                segment.close();
            }
        }
        if (!unknown && !least.isEmpty()) {
            db.write(new RocksDbBatch(), least, "Migrating the offsets of");
        }
        db.flush();
        for (File segmentDir : old) {
            deleteRecursively(segmentDir);
        }
        LOG.info("Store {}: moved {} segment databases into column families of one database", name, old.length);
    }

    private void deleteRecursively(File f) {
        try (Stream<Path> walk = Files.walk(f.toPath())) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Cannot delete {} of store {}", f, name, e);
        }
    }

    /**
     * How many segments hold a reusable read iterator (tests). Each keeps the memtable and files of its last refresh
     * alive until its next read; a store has few live segments (retention / segment interval + 1, about three).
     */
    public synchronized int openReaders() {
        int n = 0;
        for (Segment s : segments.values()) {
            if (s instanceof RocksDbSegment r && r.reader != null) {
                n++;
            }
        }
        return n;
    }

    /** Segment ids of the open segments, oldest first (for tests and metrics). */
    public synchronized List<Long> segmentIds() {
        return new ArrayList<>(segments.keySet());
    }

    /** The directory of the database persistent segments live in (null for an in-memory store or before init). */
    public File directory() {
        return dir;
    }

    public long segmentInterval() {
        return segmentInterval;
    }

    private long segmentId(long time) {
        return Math.floorDiv(time, segmentInterval);
    }

    private Segment segmentOrCreate(long id) {
        Segment s = segments.get(id);
        if (s == null) {
            s = persistent ? new RocksDbSegment(name + "." + id * segmentInterval)
                    : new MemorySegment();
            segments.put(id, s);
            if (transactional && s instanceof RocksDbSegment r) {
                r.beginTransaction();
            }
        }
        return s;
    }

    /**
     * Waits until every segment drop submitted so far, by any store of the process, has ended: an expired segment is
     * gone for its store at once but leaves the database in the background ({@link SegmentDropper}).
     */
    public static void awaitDroppedSegments() {
        SegmentDropper.awaitAll();
    }

    /** Drops every segment older than the one holding {@code observedStreamTime - retentionPeriod}. */
    private void dropExpiredSegments() {
        if (segments.isEmpty() || segments.firstKey() >= segmentId(observedStreamTime - retentionPeriod)) {
            return; // the usual case: nothing expired (no view of the map needed)
        }
        NavigableMap<Long, Segment> expired = segments.headMap(segmentId(observedStreamTime - retentionPeriod), false);
        for (Segment s : expired.values()) {
            s.destroy();
        }
        expired.clear();
    }

    /** Whether an entry with this segment time is past retention (hidden from reads). */
    private boolean expired(long segmentTime) {
        return segmentTime <= observedStreamTime - retentionPeriod;
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("Store " + name + " is closed: its task was closed (moved to "
                    + "another instance, or this instance is rebalancing or stopping). Query the store again.");
        }
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        checkOpen();
        long time = schema.segmentTime(key.get());
        if (!persistent && expired(time)) {
            return null; // Kafka Streams' in-memory stores check retention on point reads; RocksDB ones do not
        }
        Segment s = segments.get(segmentId(time));
        return s == null ? null : s.get(key);
    }

    /** Writes (null: deletes) the entry, advancing observed stream time; a write to an expired segment is dropped. */
    @Override
    public synchronized void put(Bytes key, byte[] value) {
        checkOpen();
        write(key, value);
    }

    private void write(Bytes key, byte[] value) {
        if (value == null && retainDuplicates) {
            return;
        }
        long time = schema.segmentTime(key.get());
        observedStreamTime = Math.max(observedStreamTime, time);
        long id = segmentId(time);
        if (id < segmentId(observedStreamTime - retentionPeriod) || !persistent && expired(time)) {
            LOG.debug("Store {} skipped a record for an expired segment (time {}, observed stream time {})", name,
                    time, observedStreamTime);
        } else if (restoreRouting != null) {
            segmentOrCreate(id);
            restoreRouting.computeIfAbsent(id, i -> new ArrayList<>()).add(new byte[][] {key.get(), value});
        } else {
            segmentOrCreate(id).put(key, value);
        }
        dropExpiredSegments();
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        checkOpen();
        for (KeyValue<Bytes, byte[]> e : entries) {
            write(e.key, e.value);
        }
    }

    @Override
    public synchronized void restoreBatch(List<byte[][]> records) {
        if (db != null && !transactional) {
            restoreRouted(records, Map.of());
            return;
        }
        for (byte[][] r : records) {
            write(Bytes.wrap(r[0]), r[1]);
        }
    }

    /** Routes records to their segments and applies them, with the offsets, in one write to the database. */
    private void restoreRouted(List<byte[][]> records, Map<TopicPartition, Long> offsets) {
        restoreRouting = new HashMap<>();
        try {
            for (byte[][] r : records) {
                write(Bytes.wrap(r[0]), r[1]);
            }
            RocksDbBatch batch = new RocksDbBatch();
            for (Map.Entry<Long, List<byte[][]>> e : restoreRouting.entrySet()) {
                Segment s = segments.get(e.getKey());
                if (s == null) {
                    continue; // dropped by a later record of the batch
                }
                int cf = ((RocksDbSegment) s).cf.getID();
                for (byte[][] r : e.getValue()) {
                    if (r[1] == null) {
                        batch.delete(cf, r[0]);
                    } else {
                        batch.put(cf, r[0], r[1]);
                    }
                }
            }
            db.write(batch, offsets, "Restoring");
        } finally {
            restoreRouting = null;
        }
    }

    // ---- TransactionalStore (persistent stores under exactly-once)

    /**
     * Makes every segment, open or opened later, transactional. The store's position is the changelog offsets stored
     * in its database; none if the database holds data but no offsets.
     */
    @Override
    public synchronized Map<TopicPartition, Long> beginTransactions() {
        if (db == null) {
            return Map.of();
        }
        transactional = true;
        db.enableWal();
        for (Segment s : segments.values()) {
            ((RocksDbSegment) s).beginTransaction();
        }
        Map<TopicPartition, Long> stored = db.committedOffsets();
        // a database without offsets holds either nothing committed or data written when it was not transactional
        if (stored.isEmpty() && !db.committedEmpty()) {
            LOG.info("Store {} holds data without changelog offsets; its position is unknown", name);
        }
        committedOffsets = Map.copyOf(stored);
        return committedOffsets;
    }

    @Override
    public synchronized void dropCommittedOffsets() {
        transactional = false;
        committedOffsets = Map.of();
        if (db != null) {
            db.dropCommittedOffsets();
        }
    }

    /**
     * Applies every segment's buffered writes with the offsets in one atomic batch. Nothing is written when no
     * segment has buffered writes.
     */
    @Override
    public synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
        if (!transactional) {
            return;
        }
        RocksDbBatch batch = new RocksDbBatch();
        for (Segment s : segments.values()) {
            ((RocksDbSegment) s).writeBufferedTo(batch);
        }
        if (batch.count() == 0) {
            return; // as a key-value store: the position stays where the last write put it
        }
        Map<TopicPartition, Long> offsets = changelogOffsets.isEmpty() ? committedOffsets : changelogOffsets;
        db.write(batch, offsets, "Committing to");
        for (Segment s : segments.values()) {
            ((RocksDbSegment) s).clearBuffer();
        }
        committedOffsets = Map.copyOf(offsets);
    }

    /**
     * Routes restored records to their segments and applies them straight to the committed state, with the offset,
     * in one write.
     */
    @Override
    public synchronized void restoreBatch(List<byte[][]> records, TopicPartition changelog, long nextOffset) {
        if (db == null) {
            restoreBatch(records);
            return;
        }
        restoreRouted(records, Map.of(changelog, nextOffset));
        committedOffsets = Map.of(changelog, nextOffset);
    }

    /** Deletes the entry without advancing observed stream time (a session store's {@code remove}). */
    @Override
    public synchronized byte[] delete(Bytes key) {
        checkOpen();
        Segment s = segments.get(segmentId(schema.segmentTime(key.get())));
        if (s == null) {
            return null;
        }
        byte[] old = s.get(key);
        s.put(key, null);
        return old;
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return scan(from, to, false);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> all() {
        return scan(null, null, false);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return scan(from, to, true);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(null, null, true);
    }

    private KeyValueIterator<Bytes, byte[]> scan(Bytes from, Bytes to, boolean reverse) {
        checkOpen();
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        if (from != null && to != null && from.compareTo(to) > 0) {
            return new ListKeyValueIterator<>(out);
        }
        NavigableMap<Long, Segment> candidates = segmentsWithin(from, to);
        for (Segment s : reverse ? candidates.descendingMap().values() : candidates.values()) {
            s.range(from, to, reverse, out);
        }
        out.removeIf(kv -> expired(schema.segmentTime(kv.key.get())));
        return new ListKeyValueIterator<>(out);
    }

    /**
     * The segments a range can have entries of. When both bounds are store keys of the same record key (a read of
     * one key, the hot path of joins and aggregations), every store key of that record key between them has a
     * segment time between theirs, so only those segments are read; other ranges read every segment. (Keys that
     * merely extend the record key may sort between the bounds too; the readers filter them out anyway.)
     */
    private NavigableMap<Long, Segment> segmentsWithin(Bytes from, Bytes to) {
        if (from == null || to == null) {
            return segments;
        }
        byte[] f = from.get();
        byte[] t = to.get();
        int keyLength = f.length - schema.suffixLength();
        if (f.length != t.length || keyLength < 0 || !java.util.Arrays.equals(f, 0, keyLength, t, 0, keyLength)) {
            return segments;
        }
        long timeFrom = schema.segmentTime(f);
        long timeTo = schema.segmentTime(t);
        if (timeFrom < 0 || timeFrom > timeTo) {
            return segments;
        }
        return segments.subMap(segmentId(timeFrom), true, segmentId(timeTo), true);
    }

    @Override
    public synchronized long approximateNumEntries() {
        checkOpen();
        long n = 0;
        for (Segment s : segments.values()) {
            n += s.size();
        }
        return n < 0 ? Long.MAX_VALUE : n;
    }

    @Override
    public synchronized void flush() {
        for (Segment s : segments.values()) {
            s.flush();
        }
        if (db != null) {
            db.flush();
        }
    }

    @Override
    public synchronized void close() {
        open = false;
        for (Segment s : segments.values()) {
            s.close();
        }
        segments.clear();
        if (db != null) {
            db.close();
            db = null;
        }
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** A segment in a column family of the store's database. */
    private final class RocksDbSegment implements Segment {
        private final String segmentName;
        private final ColumnFamilyHandle cf;
        /** The open transaction's writes (exactly-once); null otherwise. */
        private TransactionBuffer buffer;
        /** The iterator reads reuse (refreshed before each); null until the first read. */
        private RocksIterator reader;

        RocksDbSegment(String segmentName) {
            this.segmentName = segmentName;
            this.cf = db.segment(segmentName);
        }

        void beginTransaction() {
            if (buffer == null) {
                buffer = new TransactionBuffer();
            }
        }

        void writeBufferedTo(RocksDbBatch batch) {
            if (buffer != null && !buffer.isEmpty()) {
                buffer.writeTo(batch, cf.getID());
            }
        }

        void clearBuffer() {
            if (buffer != null) {
                buffer.clear();
            }
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
            return db.get(cf, key.get());
        }

        @Override
        public void put(Bytes key, byte[] value) {
            TransactionBuffer b = buffer;
            if (b != null) {
                b.put(key, value);
                if (b.bytes() > RocksDbKeyValueBytesStore.BUFFER_COMMIT_BYTES && context != null) {
                    context.requestCommit();
                }
                return;
            }
            db.put(cf, key.get(), value);
        }

        @Override
        public void range(Bytes from, Bytes to, boolean reverse, List<KeyValue<Bytes, byte[]>> out) {
            TransactionBuffer b = buffer;
            if (b == null || b.isEmpty()) {
                reader = db.readRange(cf, reader, from, to, reverse, out);
                return;
            }
            KeyValueIterator<Bytes, byte[]> committed = db.range(cf, from, to, reverse);
            try (KeyValueIterator<Bytes, byte[]> it = b.overlay(committed, from, to, reverse)) {
                it.forEachRemaining(out::add);
            }
        }

        @Override
        public long size() {
            return db.approximateNumEntries(cf);
        }

        @Override
        public void flush() {
            // the store flushes its database, every segment at once
        }

        private void closeReader() {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }

        @Override
        public void close() {
            buffer = null; // an open transaction's writes are dropped: its changelog records were not committed
            closeReader();
        }

        @Override
        public void destroy() {
            buffer = null;
            closeReader(); // before the column family goes
            db.drop(segmentName);
        }
    }

    /** A segment in a sorted map. */
    private static final class MemorySegment implements Segment {
        private final TreeMap<Bytes, byte[]> map = new TreeMap<>();

        @Override
        public byte[] get(Bytes key) {
            return map.get(key);
        }

        @Override
        public void put(Bytes key, byte[] value) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }

        @Override
        public void range(Bytes from, Bytes to, boolean reverse, List<KeyValue<Bytes, byte[]>> out) {
            NavigableMap<Bytes, byte[]> view = map;
            if (from != null) {
                view = view.tailMap(from, true);
            }
            if (to != null) {
                view = view.headMap(to, true);
            }
            List<KeyValue<Bytes, byte[]>> part = new ArrayList<>(view.size());
            view.forEach((k, v) -> part.add(KeyValue.pair(k, v)));
            if (reverse) {
                Collections.reverse(part);
            }
            out.addAll(part);
        }

        @Override
        public long size() {
            return map.size();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            map.clear();
        }

        @Override
        public void destroy() {
            map.clear();
        }
    }
}
