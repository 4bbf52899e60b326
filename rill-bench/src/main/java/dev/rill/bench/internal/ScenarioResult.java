package dev.rill.bench.internal;

import dev.rill.bench.Side;
import dev.rill.bench.SideRole;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** Every run of one scenario, with the summaries the report shows. */
record ScenarioResult(String id, String title, List<String> description, List<Side> sides, List<RunRecord> runs) {

    ScenarioResult {
        description = List.copyOf(description);
        sides = List.copyOf(sides);
        runs = List.copyOf(runs);
    }

    List<RunRecord> runsOf(Side side) {
        return runs.stream().filter(r -> r.side().equals(side)).toList();
    }

    List<RunRecord> timedRunsOf(Side side) {
        return runsOf(side).stream().filter(RunRecord::timed).toList();
    }

    Summary summary(Side side, ToDoubleFunction<RunRecord> metric) {
        // NaN and negative values mean "not measured in this run" (e.g. no readiness probe)
        return Summary.of(timedRunsOf(side).stream().map(metric::applyAsDouble)
                .filter(v -> !v.isNaN() && v >= 0).toList());
    }

    Summary throughput(Side side) {
        return summary(side, RunRecord::recordsPerSecond);
    }

    /** Peak RSS over every run that got as far as measuring it, timed or not. */
    Summary peakRss(Side side) {
        return Summary.of(runsOf(side).stream().filter(r -> r.peakRssBytes() > 0)
                .map(r -> (double) r.peakRssBytes()).toList());
    }

    Optional<Side> sideWithRole(SideRole role) {
        return sides.stream().filter(s -> s.role() == role).findFirst();
    }

    /** Median throughput of the Rill side divided by that of the side with the given role (NaN if either is missing). */
    double rillRatioTo(SideRole role) {
        Optional<Side> rill = sideWithRole(SideRole.RILL);
        Optional<Side> other = sideWithRole(role);
        if (rill.isEmpty() || other.isEmpty()) {
            return Double.NaN;
        }
        return throughput(rill.get()).ratioTo(throughput(other.get()));
    }

    /** The names of the scenario's own measurements, in the order the runs reported them. */
    List<String> measurementNames() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.measurements().keySet()));
        return List.copyOf(names);
    }

    /** A measurement over the side's verified runs. */
    Summary measurement(Side side, String name) {
        return summary(side, r -> r.measurements().getOrDefault(name, Double.NaN));
    }

    boolean allRunsCorrect(Side side) {
        return runsOf(side).stream().allMatch(RunRecord::timed);
    }
}
