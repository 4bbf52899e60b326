package dev.rill.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a side's output equals the expected output; a side with a failed verdict is reported, not timed.
 *
 * @param correct      whether the output was verified equal to the expected output
 * @param detail       what was compared, or what differed (expected vs found)
 * @param measurements figures the scenario measured from the output beyond throughput (e.g. latency percentiles),
 *                     by name in report order; the report shows their medians per side
 */
public record Verdict(boolean correct, String detail, Map<String, Double> measurements) {

    public Verdict {
        measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
    }

    public Verdict(boolean correct, String detail) {
        this(correct, detail, Map.of());
    }

    public static Verdict correct(String detail) {
        return new Verdict(true, detail);
    }

    public static Verdict wrong(String detail) {
        return new Verdict(false, detail);
    }

    /** This verdict with the given measurements (in their iteration order). */
    public Verdict withMeasurements(Map<String, Double> figures) {
        return new Verdict(correct, detail, figures);
    }
}
