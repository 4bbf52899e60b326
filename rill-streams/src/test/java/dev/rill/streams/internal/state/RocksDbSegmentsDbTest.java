package dev.rill.streams.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The segments database's background drops ({@link SegmentDropper}), including more drops than it cleans up. */
class RocksDbSegmentsDbTest {
    private static final int SEGMENTS = 3 * SegmentDropper.MAX_BACKLOG_FOR_CLEANUP;

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBurstOfDropsLargerThanTheBacklogLimitStillDropsEverySegmentAndItsFiles() throws Exception {
        File storeDir = dir.resolve("store").toFile();
        RocksDbSegmentsDb db = new RocksDbSegmentsDb("store", storeDir, Map.of());
        List<String> names = new ArrayList<>();
        try {
            // two flushes: every segment holds two level-0 files
            for (int flush = 0; flush < 2; flush++) {
                for (int i = 0; i < SEGMENTS; i++) {
                    String name = "store." + i * 60_000L;
                    if (flush == 0) {
                        names.add(name);
                    }
                    ColumnFamilyHandle cf = db.segment(name);
                    for (int k = 0; k < 20; k++) {
                        db.put(cf, bytes("key-" + k + "-" + flush), bytes("value-" + i));
                    }
                }
                db.flush();
            }
            assertThat(sstFiles(storeDir)).hasSizeGreaterThanOrEqualTo(2 * SEGMENTS);
            long pastBacklogBefore = SegmentDropper.dropsPastBacklog();

            names.forEach(db::drop); // submitted far faster than one drop takes
            // a segment of a name still being dropped is created once that drop has ended, and is empty
            ColumnFamilyHandle again = db.segment(names.get(SEGMENTS - 1));
            assertThat(db.get(again, bytes("key-0-0"))).isNull();
            db.put(again, bytes("new"), bytes("v"));
            db.awaitDrops();

            assertThat(SegmentDropper.dropsPastBacklog() - pastBacklogBefore)
                    .as("drops that skipped the level-0 clean-up because the backlog was long")
                    .isPositive();
            assertThat(db.get(again, bytes("new"))).isEqualTo(bytes("v"));
            db.drop(names.get(SEGMENTS - 1));
            db.awaitDrops();
            assertThat(db.segmentNames()).isEmpty();
        } finally {
            db.close();
        }
        // whether cleaned up or not, every segment's column family and files are gone
        List<String> families = new ArrayList<>();
        try (Options options = new Options()) {
            for (byte[] cf : RocksDB.listColumnFamilies(options, storeDir.getAbsolutePath())) {
                families.add(new String(cf, StandardCharsets.UTF_8));
            }
        }
        assertThat(families).noneMatch(f -> f.startsWith("store."));
        assertThat(sstFiles(storeDir)).isEmpty();
    }

    private static List<Path> sstFiles(File storeDir) throws Exception {
        try (Stream<Path> files = Files.list(storeDir.toPath())) {
            return files.filter(p -> p.toString().endsWith(".sst")).toList();
        }
    }
}
