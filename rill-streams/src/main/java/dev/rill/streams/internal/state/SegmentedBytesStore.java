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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The byte store under a window or session store: store keys ({@link TimeKeySchema}) split by time into segments of
 * {@code segmentInterval} ms, segment id = segment time / interval.
 *
 * <p>Retention works on whole segments, as in Kafka Streams: the store tracks the largest segment time it has seen
 * (its <em>observed stream time</em>); a write to a segment older than the one holding
 * {@code observedStreamTime - retentionPeriod} is dropped, and such segments are closed and deleted as a unit (a
 * RocksDB segment is one database in its own directory, so dropping it deletes its files; nothing is deleted key by
 * key). Reads hide every entry whose segment time is at or before {@code observedStreamTime - retentionPeriod},
 * even if its segment still exists.
 *
 * <p>Persistent segments live in {@code <task dir>/rocksdb/<name>/<name>.<segment id * interval>}; in-memory ones
 * in sorted maps. Range reads return segment after segment (oldest first, or newest first in reverse), each in store
 * key order — Kafka Streams' order — so a range is not in global byte order across segments. Methods are
 * synchronized: interactive queries read from other threads while the stream thread writes and drops segments, and
 * reads return materialized results so no iterator outlives a dropped segment.
 *
 * <p>Under exactly-once a persistent store is a {@link TransactionalStore} made of transactional segments: each
 * RocksDB segment buffers the open transaction's writes it receives (reads and range scans of the segment merge them
 * over its committed state), and a commit applies, segment by segment, the buffered writes together with the
 * changelog offsets in one atomic WAL batch per segment. Every open segment records every commit of the store, even
 * when it received no write, so a crash between two segments' batches leaves some segments one commit behind the
 * others: the store's position is the least offset over its segments, and replaying the changelog from there rewrites
 * the newer segments with the values they already hold. A segment holding data but no offsets (written when the
 * store was not transactional) makes the position unknown, and the task wipes the store.
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

        /** Starts buffering writes until {@link #commit}; returns the offsets stored with the committed state. */
        default Map<TopicPartition, Long> beginTransactions() {
            return Map.of();
        }

        /** Applies the buffered writes and the offsets in one atomic write, even if nothing was buffered. */
        default void commit(Map<TopicPartition, Long> offsets) {
        }

        default boolean hasBufferedWrites() {
            return false;
        }

        /** Whether the committed state is empty. */
        default boolean committedEmpty() {
            return true;
        }

        /** Applies restored records (null value = delete) straight to the committed state, with the offsets. */
        default void restoreBatch(List<byte[][]> records, TopicPartition changelog, long nextOffset) {
            for (byte[][] r : records) {
                put(Bytes.wrap(r[0]), r[1]);
            }
        }

        default void dropCommittedOffsets() {
        }
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
    private Map<String, Object> appConfigs;
    private InternalStoreContext context;
    private volatile boolean open;
    /** Exactly-once: segments buffer the open transaction's writes. */
    private boolean transactional;
    /** The offsets of the last commit or restored batch, written into segments with each commit. */
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
        try {
            Files.createDirectories(dir.toPath());
        } catch (IOException e) {
            throw new StreamsException("Cannot create the directory " + dir + " of store " + name + ": " + e
                    + ". Check that state.dir is writable.", e);
        }
        String[] names = dir.list();
        for (String segmentName : names == null ? new String[0] : names) {
            if (segmentName.startsWith(name + ".")) {
                try {
                    long start = Long.parseLong(segmentName.substring(name.length() + 1));
                    segmentOrCreate(start / segmentInterval);
                } catch (NumberFormatException e) {
                    LOG.warn("Ignoring {} in the directory of store {}: not a segment", segmentName, name);
                }
            }
        }
    }

    /** Segment ids of the open segments, oldest first (for tests and metrics). */
    public synchronized List<Long> segmentIds() {
        return new ArrayList<>(segments.keySet());
    }

    /** The directory persistent segments live in (null for an in-memory store or before init). */
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
            if (transactional) {
                s.beginTransactions();
            }
        }
        return s;
    }

    /** Drops every segment older than the one holding {@code observedStreamTime - retentionPeriod}. */
    private void dropExpiredSegments() {
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
        for (byte[][] r : records) {
            write(Bytes.wrap(r[0]), r[1]);
        }
    }

    // ---- TransactionalStore (persistent stores under exactly-once)

    /**
     * Makes every segment, open or opened later, transactional. The store's position is, per changelog partition,
     * the least offset over the segments; none if a non-empty segment has no offsets.
     */
    @Override
    public synchronized Map<TopicPartition, Long> beginTransactions() {
        transactional = true;
        Map<TopicPartition, Long> least = new HashMap<>();
        boolean unknown = false;
        for (Segment s : segments.values()) {
            Map<TopicPartition, Long> stored = s.beginTransactions();
            if (stored.isEmpty()) {
                // an empty segment without offsets was created by a transaction that never committed
                unknown |= !s.committedEmpty();
            } else if (least.isEmpty()) {
                least.putAll(stored);
            } else {
                unknown |= !least.keySet().equals(stored.keySet());
                stored.forEach((tp, o) -> least.merge(tp, o, Math::min));
            }
        }
        if (unknown) {
            LOG.info("Store {} has a segment without changelog offsets; its position is unknown", name);
        }
        committedOffsets = unknown ? Map.of() : Map.copyOf(least);
        return committedOffsets;
    }

    @Override
    public synchronized void dropCommittedOffsets() {
        transactional = false;
        committedOffsets = Map.of();
        for (Segment s : segments.values()) {
            s.dropCommittedOffsets();
        }
    }

    /**
     * Applies every segment's buffered writes with the offsets, one atomic batch per segment; segments without
     * writes get the offsets alone. Nothing is written when no segment has buffered writes.
     */
    @Override
    public synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
        if (!transactional) {
            return;
        }
        if (segments.values().stream().noneMatch(Segment::hasBufferedWrites)) {
            return; // as a key-value store: the position stays where the last write put it
        }
        Map<TopicPartition, Long> offsets = changelogOffsets.isEmpty() ? committedOffsets : changelogOffsets;
        for (Segment s : segments.values()) {
            s.commit(offsets);
        }
        committedOffsets = Map.copyOf(offsets);
    }

    /** Routes restored records to their segments and applies them there with the offset, in every open segment. */
    @Override
    public synchronized void restoreBatch(List<byte[][]> records, TopicPartition changelog, long nextOffset) {
        restoreRouting = new HashMap<>();
        try {
            for (byte[][] r : records) {
                write(Bytes.wrap(r[0]), r[1]);
            }
            for (Map.Entry<Long, Segment> e : segments.entrySet()) {
                e.getValue().restoreBatch(restoreRouting.getOrDefault(e.getKey(), List.of()), changelog, nextOffset);
            }
        } finally {
            restoreRouting = null;
        }
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
    }

    @Override
    public synchronized void close() {
        open = false;
        for (Segment s : segments.values()) {
            s.close();
        }
        segments.clear();
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** A segment in its own RocksDB database. */
    private final class RocksDbSegment implements Segment {
        private final File segmentDir;
        private final RocksDbKeyValueBytesStore db;

        RocksDbSegment(String segmentName) {
            this.segmentDir = new File(dir, segmentName);
            this.db = RocksDbKeyValueBytesStore.openSegment(segmentName, segmentDir, appConfigs, context);
        }

        @Override
        public byte[] get(Bytes key) {
            return db.get(key);
        }

        @Override
        public void put(Bytes key, byte[] value) {
            db.put(key, value);
        }

        @Override
        public void range(Bytes from, Bytes to, boolean reverse, List<KeyValue<Bytes, byte[]>> out) {
            try (KeyValueIterator<Bytes, byte[]> it = reverse ? db.reverseRange(from, to) : db.range(from, to)) {
                it.forEachRemaining(out::add);
            }
        }

        @Override
        public long size() {
            return db.approximateNumEntries();
        }

        @Override
        public void flush() {
            db.flush();
        }

        @Override
        public void close() {
            db.close();
        }

        @Override
        public Map<TopicPartition, Long> beginTransactions() {
            return db.beginTransactions();
        }

        @Override
        public void commit(Map<TopicPartition, Long> offsets) {
            db.commitWithOffsets(offsets);
        }

        @Override
        public boolean hasBufferedWrites() {
            return db.hasBufferedWrites();
        }

        @Override
        public boolean committedEmpty() {
            return db.committedEmpty();
        }

        @Override
        public void restoreBatch(List<byte[][]> records, TopicPartition changelog, long nextOffset) {
            db.restoreBatch(records, changelog, nextOffset);
        }

        @Override
        public void dropCommittedOffsets() {
            db.dropCommittedOffsets();
        }

        @Override
        public void destroy() {
            db.close();
            try (Stream<Path> walk = Files.walk(segmentDir.toPath())) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.warn("Cannot delete the expired segment {} of store {}", segmentDir, name, e);
            }
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
