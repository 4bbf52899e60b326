package dev.rill.bench;

import java.nio.charset.StandardCharsets;

/**
 * An order-insensitive fingerprint of a multiset of records: their count and the sum of a 64-bit hash of each.
 *
 * <p>Two outputs with the same records in any order or partitioning have equal digests; a missing, extra,
 * duplicated or altered record changes the count or (with overwhelming probability) the sum. Keys can be
 * left out ({@code null}), e.g. for a file sink that writes values only.
 */
public final class RecordDigest {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long count;
    private long sum;

    /** Adds one record; a {@code null} key or value is hashed differently from an empty one. */
    public void add(byte[] key, byte[] value) {
        long h = FNV_OFFSET;
        h = mixIn(h, key);
        h = (h ^ 0x1F) * FNV_PRIME; // separator, so ("ab","c") and ("a","bc") differ
        h = mixIn(h, value);
        sum += finish(h);
        count++;
    }

    /** Adds one record whose key and value are strings (UTF-8, like kafka-clients' StringSerializer). */
    public void add(String key, String value) {
        add(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static long mixIn(long h, byte[] bytes) {
        if (bytes == null) {
            return (h ^ 0xFF) * FNV_PRIME * 31;
        }
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return (h ^ bytes.length) * FNV_PRIME;
    }

    private static long finish(long h) {
        // MurmurHash3's 64-bit finaliser spreads FNV's weak high bits before summing.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    /** Whether both digests describe the same multiset of records. */
    public boolean matches(RecordDigest other) {
        return count == other.count && sum == other.sum;
    }

    /** A verdict comparing an actual output ({@code this}) with the expected one, naming both on mismatch. */
    public Verdict verdictAgainst(RecordDigest expected, String what) {
        if (matches(expected)) {
            return Verdict.correct(what + ": " + count + " records, digest " + Long.toHexString(sum) + " as expected");
        }
        return Verdict.wrong(what + ": expected " + expected + " but found " + this
                + (count > expected.count ? " (extra or duplicated records)"
                : count < expected.count ? " (missing records)" : " (same count, different content)"));
    }

    @Override
    public String toString() {
        return count + " records with digest " + Long.toHexString(sum);
    }
}
