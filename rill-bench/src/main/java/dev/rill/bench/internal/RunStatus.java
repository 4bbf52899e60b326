package dev.rill.bench.internal;

/** How one run of a side ended. */
enum RunStatus {
    /** Consumed the whole input and produced exactly the expected output: the run is timed. */
    OK,
    /** Consumed the whole input but its output differed from the expected output. */
    WRONG_OUTPUT,
    /** Exited, timed out or could not be started before consuming the whole input. */
    FAILED,
    /** The side's main class is not on its classpath (e.g. the Rill module is not merged yet). */
    NOT_AVAILABLE
}
