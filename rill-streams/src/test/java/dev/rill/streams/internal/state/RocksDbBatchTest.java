package dev.rill.streams.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

class RocksDbBatchTest {
    static {
        RocksDB.loadLibrary();
    }

    private static byte[] bytes(int length, Random random) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    @Test
    void sameBytesAsRocksDbsOwnWriteBatch() throws Exception {
        Random random = new Random(42);
        RocksDbBatch ours = new RocksDbBatch();
        try (WriteBatch theirs = new WriteBatch()) {
            // lengths around the varint boundaries (127/128, 16383/16384) and an empty value
            int[] lengths = {0, 1, 127, 128, 300, 16_383, 16_384, 70_000};
            for (int keyLength : new int[] {1, 127, 128, 1000}) {
                for (int valueLength : lengths) {
                    byte[] key = bytes(keyLength, random);
                    byte[] value = bytes(valueLength, random);
                    ours.put(key, value);
                    theirs.put(key, value);
                }
                byte[] gone = bytes(keyLength, random);
                ours.delete(gone);
                theirs.delete(gone);
            }
            assertThat(ours.count()).isEqualTo(theirs.count());
            assertThat(ours.data()).isEqualTo(theirs.data());
        }
    }

    @Test
    void appliedBatchHoldsTheLastWriteOfEachKey(@TempDir Path dir) throws Exception {
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "b".getBytes(StandardCharsets.UTF_8);
        byte[] c = "c".getBytes(StandardCharsets.UTF_8);
        RocksDbBatch batch = new RocksDbBatch();
        batch.put(a, "1".getBytes(StandardCharsets.UTF_8));
        batch.put(b, "2".getBytes(StandardCharsets.UTF_8));
        batch.put(a, "3".getBytes(StandardCharsets.UTF_8));
        batch.delete(b);
        batch.put(c, new byte[0]);
        try (Options options = new Options().setCreateIfMissing(true);
             RocksDB db = RocksDB.open(options, dir.toString());
             WriteOptions write = new WriteOptions().setDisableWAL(true);
             WriteBatch wb = new WriteBatch(batch.data())) {
            db.write(write, wb);
            assertThat(new String(db.get(a), StandardCharsets.UTF_8)).isEqualTo("3");
            assertThat(db.get(b)).isNull();
            assertThat(db.get(c)).isEmpty();
        }
    }

    @Test
    void columnFamilyRecordsAreTheBytesOfRocksDbsOwnWriteBatch(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        java.util.List<org.rocksdb.ColumnFamilyHandle> handles = new java.util.ArrayList<>();
        try (org.rocksdb.DBOptions options = new org.rocksdb.DBOptions().setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true);
             org.rocksdb.ColumnFamilyOptions cfOptions = new org.rocksdb.ColumnFamilyOptions();
             RocksDB db = RocksDB.open(options, dir.toString(), java.util.List.of(
                     new org.rocksdb.ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                     new org.rocksdb.ColumnFamilyDescriptor("one".getBytes(StandardCharsets.UTF_8), cfOptions),
                     new org.rocksdb.ColumnFamilyDescriptor("two".getBytes(StandardCharsets.UTF_8), cfOptions)),
                     handles);
             WriteBatch theirs = new WriteBatch();
             WriteOptions write = new WriteOptions().setDisableWAL(true)) {
            RocksDbBatch ours = new RocksDbBatch();
            byte[] kept = bytes(10, random);
            for (org.rocksdb.ColumnFamilyHandle cf : handles) {
                for (int length : new int[] {0, 1, 127, 128, 16_384}) {
                    byte[] key = bytes(length + 1, random);
                    byte[] value = bytes(length, random);
                    ours.put(cf.getID(), key, value);
                    theirs.put(cf, key, value);
                }
                byte[] gone = bytes(5, random);
                ours.delete(cf.getID(), gone);
                theirs.delete(cf, gone);
                ours.put(cf.getID(), kept, new byte[] {(byte) cf.getID()});
                theirs.put(cf, kept, new byte[] {(byte) cf.getID()});
            }
            assertThat(ours.count()).isEqualTo(theirs.count());
            assertThat(ours.data()).isEqualTo(theirs.data());
            try (WriteBatch wb = new WriteBatch(ours.data())) {
                db.write(write, wb);
            }
            for (org.rocksdb.ColumnFamilyHandle cf : handles) {
                assertThat(db.get(cf, kept)).containsExactly((byte) cf.getID());
            }
            handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
        }
    }
}
