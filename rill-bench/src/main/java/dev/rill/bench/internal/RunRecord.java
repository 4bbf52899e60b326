package dev.rill.bench.internal;

import dev.rill.bench.Side;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one run of one side.
 *
 * @param readyMs       milliseconds from start until the side's readiness probe passed, -1 without a probe
 * @param firstCommitMs milliseconds from start until the side's group first committed an offset, -1 if never
 * @param wallMs        milliseconds from start until the group had committed the whole input
 * @param firstCommitRecords input records the group had committed when its first commit was seen
 * @param peakRssBytes  the child JVM's peak resident set size, 0 if it could not be read
 * @param measurements  the scenario's own figures for this run (see {@link dev.rill.bench.Verdict#measurements()})
 */
record RunRecord(String scenarioId, Side side, int round, RunStatus status, String detail, long inputRecords,
                 long wallMs, long readyMs, long firstCommitMs, long firstCommitRecords, long peakRssBytes,
                 Map<String, Double> measurements) {

    RunRecord {
        measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
    }

    RunRecord(String scenarioId, Side side, int round, RunStatus status, String detail, long inputRecords,
              long wallMs, long readyMs, long firstCommitMs, long firstCommitRecords, long peakRssBytes) {
        this(scenarioId, side, round, status, detail, inputRecords, wallMs, readyMs, firstCommitMs, firstCommitRecords,
                peakRssBytes, Map.of());
    }

    /** Input records per second, or 0 for a run that was not timed. */
    double recordsPerSecond() {
        return status == RunStatus.OK && wallMs > 0 ? inputRecords * 1000.0 / wallMs : 0;
    }

    /**
     * Input records per second between the first commit and the last, i.e. without JVM start-up and group join;
     * NaN when the first commit seen already covered the whole input.
     */
    double recordsPerSecondAfterFirstCommit() {
        long records = inputRecords - firstCommitRecords;
        long millis = wallMs - firstCommitMs;
        return status == RunStatus.OK && records > 0 && millis > 0 ? records * 1000.0 / millis : Double.NaN;
    }

    boolean timed() {
        return status == RunStatus.OK;
    }
}
