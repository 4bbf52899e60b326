package dev.rill.bench;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What arrived in a replica of an input topic, counted as it arrives: records per partition, the digest of every
 * record's key and value, and when the first and the last record were seen. Thread-safe: one thread adds, others
 * read.
 *
 * <p>A replica is complete when every partition holds as many records as the same partition of the input; it is
 * correct when, in addition, its digest equals the input's (so no record was lost, duplicated, altered or moved to
 * another partition without the counts showing it).
 */
public final class ReplicaTally {

    private final Map<Integer, Long> expected;
    private final long startNanos;
    private final Map<Integer, Long> counted = new TreeMap<>();
    private final RecordDigest digest = new RecordDigest();
    private long firstNanos = -1;
    private long firstBatchRecords;
    private long lastNanos = -1;

    /**
     * @param expectedPerPartition the input's record count per partition number
     * @param startNanos           {@link System#nanoTime()} when the side was launched
     */
    public ReplicaTally(Map<Integer, Long> expectedPerPartition, long startNanos) {
        this.expected = Map.copyOf(expectedPerPartition);
        this.startNanos = startNanos;
    }

    /** Counts one record found in the replica, in a batch seen at {@code seenNanos}. */
    public synchronized void add(int partition, byte[] key, byte[] value, long seenNanos) {
        counted.merge(partition, 1L, Long::sum);
        digest.add(key, value);
        if (firstNanos < 0) {
            firstNanos = seenNanos;
        }
        if (seenNanos == firstNanos) {
            firstBatchRecords++;
        }
        lastNanos = Math.max(lastNanos, seenNanos);
    }

    /** Input records found in the replica, no partition counted beyond its input count (see {@link ProgressProbe}). */
    public synchronized long recordsDone() {
        long done = 0;
        for (Map.Entry<Integer, Long> e : expected.entrySet()) {
            done += Math.min(e.getValue(), counted.getOrDefault(e.getKey(), 0L));
        }
        return done;
    }

    /** Seconds from launch until the first record was seen in the replica; empty if none was. */
    public synchronized OptionalDouble secondsToFirstRecord() {
        return firstNanos < 0 ? OptionalDouble.empty() : OptionalDouble.of((firstNanos - startNanos) / 1e9);
    }

    /**
     * Records per second from the first record seen to the last: the records that arrived after the first batch over
     * the time between that batch and the last; empty if everything arrived at once.
     */
    public synchronized OptionalDouble recordsPerSecondFirstToLast() {
        long records = digest.count() - firstBatchRecords;
        long nanos = lastNanos - firstNanos;
        return records > 0 && nanos > 0 ? OptionalDouble.of(records * 1e9 / nanos) : OptionalDouble.empty();
    }

    /** Whether the replica holds exactly the input: the same count in every partition and the same records. */
    public synchronized Verdict verdictAgainst(RecordDigest input, String what) {
        Map<Integer, String> wrong = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : expected.entrySet()) {
            long found = counted.getOrDefault(e.getKey(), 0L);
            if (found != e.getValue()) {
                wrong.put(e.getKey(), "expected " + e.getValue() + ", found " + found);
            }
        }
        counted.forEach((partition, found) -> {
            if (!expected.containsKey(partition)) {
                wrong.put(partition, "expected no records, found " + found);
            }
        });
        if (!wrong.isEmpty()) {
            return Verdict.wrong(what + ": records per partition differ from the input's: " + wrong + " ("
                    + digest.count() + " records in all, " + input.count() + " expected)");
        }
        return digest.verdictAgainst(input, what);
    }
}
