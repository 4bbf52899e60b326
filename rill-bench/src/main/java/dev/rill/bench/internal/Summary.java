package dev.rill.bench.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread of a sample. */
record Summary(int count, double median, double min, double max) {

    static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN);

    static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(n, median, sorted.get(0), sorted.get(n - 1));
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Ratio of this median to another's, NaN if either is empty. */
    double ratioTo(Summary other) {
        if (isEmpty() || other.isEmpty() || other.median == 0) {
            return Double.NaN;
        }
        return median / other.median;
    }

    /** Half the min-max range relative to the median, e.g. 0.1 for ±10 %. */
    double relativeSpread() {
        return isEmpty() || median == 0 ? Double.NaN : (max - min) / 2 / median;
    }
}
