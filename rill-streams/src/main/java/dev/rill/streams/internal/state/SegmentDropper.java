package dev.rill.streams.internal.state;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the column families of expired segments ({@link RocksDbSegmentsDb}) on one background thread of the process,
 * so the stream thread does not wait for the manifest writes (each a file sync, a few ms) or for the clean-up below.
 *
 * <p>A segment's blocks would otherwise stay in the shared block cache ({@link RocksDbMemory}) after its column family
 * is dropped, until LRU eviction: RocksDB takes a file's blocks out of the cache when the file becomes obsolete
 * through compaction or file deletion (the stores set {@code uncache_aggressiveness}), but not when its column family
 * is dropped. So the drop deletes the segment's files first: whole files of level 1 and below by range, and level-0
 * files (which cannot be deleted by range) after compacting them into one that can. A stream–stream join drops a
 * segment of each store every minute of event time; without this its dead blocks filled the cache to the bound (100+
 * MiB in the join benchmark); with it, a probe of a first version (every drop cleaned up) saw about 10 MiB.
 *
 * <p>The clean-up is best effort, bounded by what the thread can keep up with: while more than
 * {@value #MAX_BACKLOG_FOR_CLEANUP} drops wait, a segment's level-0 files are not compacted. A join's stores drop
 * their segments in bursts (every store of every task when stream time crosses a segment boundary), which the limit
 * lets through; a windowed count over a day of event time drops about a hundred small segments a second, more than
 * the thread can clean up. The cache stays within its bound either way.
 */
final class SegmentDropper {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentDropper.class);
    /** From the first key to past the last one (null bounds are open). */
    private static final List<byte[]> EVERY_KEY = Arrays.asList(null, null);
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rill-rocksdb-segment-drops");
        t.setDaemon(true);
        return t;
    });

    /** Queued drops beyond which level-0 files are dropped without compacting them first. */
    static final int MAX_BACKLOG_FOR_CLEANUP = 16;
    private static final AtomicInteger QUEUED = new AtomicInteger();
    /** Drops that ran past the backlog limit, without the level-0 clean-up (tests read it). */
    private static final AtomicLong PAST_BACKLOG = new AtomicLong();

    private SegmentDropper() {
    }

    /**
     * Drops the column family (and closes its handle) in the background, then runs {@code done}; the caller no
     * longer uses the handle. The drops of the process run one after another, in submission order.
     */
    static Future<?> submit(String store, String segment, RocksDB db, ColumnFamilyHandle cf, Runnable done) {
        QUEUED.incrementAndGet();
        return THREAD.submit(() -> {
            try {
                drop(store, segment, db, cf, QUEUED.get() <= MAX_BACKLOG_FOR_CLEANUP + 1);
            } finally {
                QUEUED.decrementAndGet();
                done.run();
            }
        });
    }

    /**
     * Waits for a drop to end. A drop logs its own failure; a segment it could not drop stays in the database and is
     * dropped again once the reopened store's stream time passes it.
     */
    static void await(Future<?> drop) {
        if (drop == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                drop.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many drops of the process ran past the backlog limit, without the level-0 clean-up. */
    static long dropsPastBacklog() {
        return PAST_BACKLOG.get();
    }

    /** Waits until every drop submitted so far has ended. */
    static void awaitAll() {
        await(THREAD.submit(() -> { }));
    }

    private static void drop(String store, String segment, RocksDB db, ColumnFamilyHandle cf, boolean cleanUp) {
        if (!cleanUp) {
            PAST_BACKLOG.incrementAndGet();
        }
        try {
            db.deleteFilesInRanges(cf, EVERY_KEY, true);
            if (cleanUp && !"0".equals(db.getProperty(cf, "rocksdb.num-files-at-level0"))) {
                db.compactRange(cf);
                db.deleteFilesInRanges(cf, EVERY_KEY, true);
            }
            db.dropColumnFamily(cf);
        } catch (RocksDBException | RuntimeException e) {
            LOG.warn("Dropping the expired segment {} of RocksDB store {} failed: {}. Its data is hidden from reads "
                    + "and it is dropped again after the store reopens; if this repeats, check the state "
                    + "directory's disk (space, permissions).", segment, store, e.toString());
        } finally {
            cf.close();
        }
    }
}
