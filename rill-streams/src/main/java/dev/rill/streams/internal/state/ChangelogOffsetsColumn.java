package dev.rill.streams.internal.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The column family {@value RocksDbKeyValueBytesStore#OFFSETS_CF} of a RocksDB store under exactly-once: the changelog
 * offsets its committed state reaches, key {@code "<topic> <partition>"} (UTF-8), value the offset as 8 bytes.
 * Shared by the key-value store and the segmented store's database.
 */
final class ChangelogOffsetsColumn {
    private ChangelogOffsetsColumn() {
    }

    /** Adds the offsets to a write batch, so they are applied atomically with the data in it. */
    static void put(WriteBatch batch, ColumnFamilyHandle cf, Map<TopicPartition, Long> offsets)
            throws RocksDBException {
        for (Map.Entry<TopicPartition, Long> o : offsets.entrySet()) {
            batch.put(cf, key(o.getKey()), ByteBuffer.allocate(8).putLong(o.getValue()).array());
        }
    }

    /** Every offset stored. */
    static Map<TopicPartition, Long> read(RocksDB db, ColumnFamilyHandle cf) {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (RocksIterator it = db.newIterator(cf)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                String k = new String(it.key(), StandardCharsets.UTF_8);
                int sep = k.lastIndexOf(' ');
                out.put(new TopicPartition(k.substring(0, sep), Integer.parseInt(k.substring(sep + 1))),
                        ByteBuffer.wrap(it.value()).getLong());
            }
        }
        return out;
    }

    /** Deletes every offset stored. */
    static void clear(RocksDB db, ColumnFamilyHandle cf, WriteOptions options) throws RocksDBException {
        for (TopicPartition tp : read(db, cf).keySet()) {
            db.delete(cf, options, key(tp));
        }
    }

    private static byte[] key(TopicPartition tp) {
        return (tp.topic() + " " + tp.partition()).getBytes(StandardCharsets.UTF_8);
    }
}
