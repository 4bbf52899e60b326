package dev.rill.bench;

import java.util.List;

/**
 * One benchmark: an input prepared once, and sides that each process it in their own JVM, round after round.
 *
 * <p>The harness calls {@link #prepare} once, then for every round and side, in turn:
 * {@link #beforeRun} (create per-run topics, write config files, say how to launch), starts the child JVM,
 * waits until the launch's consumer group has committed the end of the input (or, for a side that commits no
 * group, until the launch's {@link ProgressProbe} reports every input record), stops the child, then calls
 * {@link #verify} and {@link #afterRun}. A new scenario is one class implementing this interface, listed in
 * {@code dev.rill.bench.scenarios.Scenarios}.
 */
public interface Scenario {

    /** Short id used on the command line ({@code --scenarios seed-filter}) and in names. */
    String id();

    /** Title of the scenario's section in docs/performance.md. */
    String title();

    /** Markdown lines describing the workload and every setting each side was given, for the report. */
    List<String> describe(BenchContext context);

    /** The sides, in the order they alternate within a round (ceiling and anchor first, Rill last). */
    List<Side> sides();

    /** Creates topics and produces the input once, before the first run. */
    void prepare(BenchContext context) throws Exception;

    /** Prepares one run (output topic, config files in {@link RunContext#workDir()}) and says how to start it. */
    Launch beforeRun(BenchContext context, RunContext run) throws Exception;

    /** Checks the output of a run that has committed the whole input and whose JVM has stopped. */
    Verdict verify(BenchContext context, RunContext run) throws Exception;

    /** Removes what {@link #beforeRun} created that is no longer needed (output topics, large files). */
    default void afterRun(BenchContext context, RunContext run) throws Exception {
    }
}
