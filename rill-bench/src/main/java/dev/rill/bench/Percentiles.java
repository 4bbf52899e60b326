package dev.rill.bench;

import java.util.Arrays;

/** Percentiles of a sample of whole numbers (e.g. latencies in milliseconds), nearest-rank method. */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** The percentiles of the given values; the array is copied. */
    public static Percentiles of(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /**
     * The smallest value that at least {@code percent} % of the sample is less than or equal to.
     *
     * @throws IllegalArgumentException if percent is not in (0, 100]
     * @throws IllegalStateException    if the sample is empty
     */
    public long at(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("a percentile must be in (0, 100], was " + percent);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no values to take the " + percent + "th percentile of");
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
