package dev.rill.bench;

/** Tells whether a side reached its "running" state (e.g. a connector and its tasks RUNNING over REST). */
@FunctionalInterface
public interface ReadinessProbe {

    /** Polled until it returns true; an exception counts as "not yet". */
    boolean isReady() throws Exception;
}
