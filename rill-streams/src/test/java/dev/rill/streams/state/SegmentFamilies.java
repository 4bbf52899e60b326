package dev.rill.streams.state;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The segments a persistent window or session store holds on disk: the column families of its RocksDB database in
 * {@code <task dir>/rocksdb/<store>} named {@code <store>.<segment start>} (read from the database's manifest, also
 * while the store is open).
 */
public final class SegmentFamilies {
    static {
        RocksDB.loadLibrary();
    }

    private SegmentFamilies() {
    }

    /** The segment column families of the store database in {@code storeDir}; empty if there is none. */
    public static List<String> of(File storeDir) {
        List<String> out = new ArrayList<>();
        if (!new File(storeDir, "CURRENT").exists()) {
            return out;
        }
        String prefix = storeDir.getName() + ".";
        try (Options options = new Options()) {
            for (byte[] cf : RocksDB.listColumnFamilies(options, storeDir.getAbsolutePath())) {
                String name = new String(cf, StandardCharsets.UTF_8);
                if (name.startsWith(prefix)) {
                    out.add(name);
                }
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("Cannot list the column families of " + storeDir, e);
        }
        return out;
    }
}
