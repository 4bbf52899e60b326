package dev.rill.bench.scenarios;

import dev.rill.bench.Scenario;

import java.util.List;

/** Every scenario the harness knows, in the order they run. Add a new scenario class here. */
public final class Scenarios {

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return List.of(new SeedFilterScenario(), new LatencyScenario(), new ConnectSinkScenario(),
                ConnectClusterScenario.throughput(), ConnectClusterScenario.failover(), new CountScenario(),
                new RestoreScenario(), SeedFilterScenario.exactlyOnce(), CountScenario.exactlyOnce(),
                new EosRecoveryScenario(), EosRecoveryScenario.staticMembership(), new WindowedCountScenario(), new StreamJoinScenario(),
                new MirrorScenario());
    }
}
