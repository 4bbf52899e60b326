package dev.rill.bench;

/**
 * How many input records a side has processed, measured by the scenario from the side's output, for sides that
 * commit no consumer group the harness could watch (e.g. a mirror, whose source positions live in its own store).
 */
@FunctionalInterface
public interface ProgressProbe {

    /**
     * Input records found processed so far, counting no partition beyond its input end offset (so extra or
     * duplicated output never makes a run look done early); polled about every 50 ms, it must return fast.
     */
    long recordsDone() throws Exception;
}
