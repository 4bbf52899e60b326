package dev.rill.streams.internal.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Comparator;
import org.apache.kafka.common.utils.Bytes;

/**
 * The binary store keys of window and session stores, as Kafka Streams writes them to changelogs (so the changelogs
 * are interchangeable): the serialized record key followed by a fixed-size big-endian suffix.
 * <ul>
 *   <li>window: {@code key | window start (8) | sequence number (4)} — the sequence number tells apart the
 *       duplicates a join store keeps, and is 0 otherwise;</li>
 *   <li>session: {@code key | session end (8) | session start (8)}.</li>
 * </ul>
 * The <em>segment time</em> of a store key is what retention counts from and what the segments split on: the window
 * start, or the session end.
 */
public enum TimeKeySchema {
    WINDOW(12) {
        @Override
        public long segmentTime(byte[] storeKey) {
            return (long) LONG.get(storeKey, storeKey.length - 12);
        }
    },
    SESSION(16) {
        @Override
        public long segmentTime(byte[] storeKey) {
            return (long) LONG.get(storeKey, storeKey.length - 16);
        }
    };

    // big-endian views of a byte[]: the hot paths (every window fetch, every entry a scan returns) read and write the
    // suffix without wrapping the array in a ByteBuffer first
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final int suffixLength;

    TimeKeySchema(int suffixLength) {
        this.suffixLength = suffixLength;
    }

    /** The time retention and segments count from: the window start, or the session end. */
    public abstract long segmentTime(byte[] storeKey);

    public int suffixLength() {
        return suffixLength;
    }

    /** The serialized record key inside a store key. */
    public byte[] recordKey(byte[] storeKey) {
        return Arrays.copyOf(storeKey, storeKey.length - suffixLength);
    }

    /** Whether the record key inside {@code storeKey} equals {@code key}. */
    public boolean hasRecordKey(byte[] storeKey, byte[] key) {
        return storeKey.length - suffixLength == key.length
                && Arrays.equals(storeKey, 0, key.length, key, 0, key.length);
    }

    /** Whether the record key inside {@code storeKey} is within {@code [from, to]} (a null bound is open). */
    public boolean recordKeyWithin(byte[] storeKey, byte[] from, byte[] to) {
        int len = storeKey.length - suffixLength;
        return (from == null || Arrays.compareUnsigned(storeKey, 0, len, from, 0, from.length) >= 0)
                && (to == null || Arrays.compareUnsigned(storeKey, 0, len, to, 0, to.length) <= 0);
    }

    /** The smallest store key of a record key at or above {@code key} (null: open). */
    public Bytes lowerBound(byte[] key) {
        return key == null ? null : Bytes.wrap(key);
    }

    /** The largest store key of record keys at or below {@code key} (null: open). */
    public Bytes upperBound(byte[] key) {
        if (key == null) {
            return null;
        }
        byte[] out = Arrays.copyOf(key, key.length + suffixLength);
        Arrays.fill(out, key.length, out.length, (byte) 0xFF);
        return Bytes.wrap(out);
    }

    /**
     * The order Kafka Streams' stores return entries in: by segment ({@code segmentTime / segmentInterval}), then by
     * store key bytes. Within one record key that is time order.
     */
    public Comparator<Bytes> order(long segmentInterval) {
        return (a, b) -> {
            int c = Long.compare(segmentTime(a.get()) / segmentInterval, segmentTime(b.get()) / segmentInterval);
            return c != 0 ? c : a.compareTo(b);
        };
    }

    // ---- window keys

    public static byte[] windowKey(byte[] key, long windowStart, int seqnum) {
        byte[] out = Arrays.copyOf(key, key.length + 12);
        LONG.set(out, key.length, windowStart);
        INT.set(out, key.length + 8, seqnum);
        return out;
    }

    public static long windowStart(byte[] storeKey) {
        return WINDOW.segmentTime(storeKey);
    }

    public static int windowSeqnum(byte[] storeKey) {
        return (int) INT.get(storeKey, storeKey.length - 4);
    }

    // ---- session keys

    public static byte[] sessionKey(byte[] key, long start, long end) {
        byte[] out = Arrays.copyOf(key, key.length + 16);
        LONG.set(out, key.length, end);
        LONG.set(out, key.length + 8, start);
        return out;
    }

    public static long sessionEnd(byte[] storeKey) {
        return SESSION.segmentTime(storeKey);
    }

    public static long sessionStart(byte[] storeKey) {
        return (long) LONG.get(storeKey, storeKey.length - 8);
    }
}
