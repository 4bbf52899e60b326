package dev.rill.streams.internal.state;

import java.util.Arrays;

/**
 * Builds a RocksDB write batch in its serialized form (what {@code WriteBatch.data()} returns) on the Java side, so
 * that a batch of thousands of puts and deletes crosses JNI once instead of once per record. The format: a 12-byte
 * header (8-byte sequence number, filled in by RocksDB, and the little-endian 4-byte record count), then per record a
 * type byte ({@code 1} put, {@code 0} delete) and the key, and for a put the value, each as a varint32 length and
 * the bytes. A record for another column family than the default one has type {@code 5} (put) or {@code 4} (delete)
 * and the column family's id as a varint32 after the type byte.
 */
final class RocksDbBatch {
    private static final byte TYPE_DELETE = 0x0;
    private static final byte TYPE_PUT = 0x1;
    private static final byte TYPE_CF_DELETE = 0x4;
    private static final byte TYPE_CF_PUT = 0x5;
    private static final int HEADER = 12;

    private byte[] buf = new byte[4096];
    private int pos = HEADER;
    private int count;

    void put(byte[] key, byte[] value) {
        ensure(1 + 5 + key.length + 5 + value.length);
        buf[pos++] = TYPE_PUT;
        bytes(key);
        bytes(value);
        count++;
    }

    void delete(byte[] key) {
        ensure(1 + 5 + key.length);
        buf[pos++] = TYPE_DELETE;
        bytes(key);
        count++;
    }

    /** A put into the column family with this id (0: the default one). */
    void put(int columnFamily, byte[] key, byte[] value) {
        if (columnFamily == 0) {
            put(key, value);
            return;
        }
        ensure(1 + 5 + 5 + key.length + 5 + value.length);
        buf[pos++] = TYPE_CF_PUT;
        varint(columnFamily);
        bytes(key);
        bytes(value);
        count++;
    }

    /** A delete in the column family with this id (0: the default one). */
    void delete(int columnFamily, byte[] key) {
        if (columnFamily == 0) {
            delete(key);
            return;
        }
        ensure(1 + 5 + 5 + key.length);
        buf[pos++] = TYPE_CF_DELETE;
        varint(columnFamily);
        bytes(key);
        count++;
    }

    int count() {
        return count;
    }

    /** The serialized batch. */
    byte[] data() {
        byte[] out = Arrays.copyOf(buf, pos);
        out[8] = (byte) count;
        out[9] = (byte) (count >>> 8);
        out[10] = (byte) (count >>> 16);
        out[11] = (byte) (count >>> 24);
        return out;
    }

    private void bytes(byte[] b) {
        varint(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void varint(int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }
}
