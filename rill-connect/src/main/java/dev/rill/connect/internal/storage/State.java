package dev.rill.connect.internal.storage;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a connector or task as Kafka Connect reports it.
 *
 * <pre>
 *  UNASSIGNED ──► RUNNING ◄──► PAUSED
 *      │             │  ▲         │
 *      │             ▼  │         ▼
 *      └──────────► STOPPED    FAILED ──► RESTARTING ──► UNASSIGNED …
 * </pre>
 *
 * A failed component only leaves FAILED through a restart (RESTARTING or UNASSIGNED of a new instance)
 * or by being stopped.
 */
public enum State {
    UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING;

    private Set<State> next;

    static {
        UNASSIGNED.next = EnumSet.of(UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING);
        RUNNING.next = EnumSet.of(RUNNING, PAUSED, STOPPED, FAILED, RESTARTING, UNASSIGNED);
        PAUSED.next = EnumSet.of(PAUSED, RUNNING, STOPPED, FAILED, RESTARTING, UNASSIGNED);
        STOPPED.next = EnumSet.of(STOPPED, RUNNING, PAUSED, FAILED, RESTARTING, UNASSIGNED);
        FAILED.next = EnumSet.of(FAILED, RESTARTING, UNASSIGNED, STOPPED);
        RESTARTING.next = EnumSet.of(RESTARTING, UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED);
    }

    public boolean canTransitionTo(State target) {
        return next.contains(target);
    }

    /** Returns {@code target} or throws naming both states when the move is not allowed. */
    public State transitionTo(State target) {
        if (!canTransitionTo(target)) {
            throw new IllegalStateException("Illegal state transition from " + this + " to " + target
                    + "; allowed next states of " + this + " are " + next);
        }
        return target;
    }
}
