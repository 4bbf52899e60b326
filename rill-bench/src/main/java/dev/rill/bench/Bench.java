package dev.rill.bench;

import dev.rill.bench.internal.BenchRun;
import dev.rill.bench.scenarios.Scenarios;

/**
 * Runs Rill's side-by-side benchmarks and writes docs/performance.md; started by {@code rill-bench/bench.sh}.
 *
 * <pre>{@code
 * rill-bench/bench.sh --quick                 # a few minutes
 * rill-bench/bench.sh --scenarios seed-filter # one scenario, 5 rounds
 * }</pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchRun run;
        try {
            run = BenchRun.fromArgs(Scenarios.all(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run.run();
    }
}
