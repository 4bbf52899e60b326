package dev.rill.kafka.embedded.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of one Kafka node.
 *
 * <pre>
 *   NEW ──start──▶ STARTING ──▶ RUNNING ──stop──▶ STOPPED ──start──▶ STARTING
 *                     │            │                 ▲
 *                     │            └──hard kill──▶ KILLED ──start──▶ STARTING
 *                     └──failure──▶ STOPPED
 * </pre>
 */
public enum NodeState {
    NEW, STARTING, RUNNING, STOPPED, KILLED;

    private Set<NodeState> next() {
        switch (this) {
            case NEW: return EnumSet.of(STARTING);
            case STARTING: return EnumSet.of(RUNNING, STOPPED, KILLED);
            case RUNNING: return EnumSet.of(STOPPED, KILLED);
            case STOPPED: return EnumSet.of(STARTING);
            case KILLED: return EnumSet.of(STARTING, STOPPED);
            default: throw new AssertionError(this);
        }
    }

    /** Returns {@code target} if this state may move to it, else throws naming both states. */
    public NodeState transitionTo(NodeState target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("Kafka node cannot go from " + this + " to " + target
                    + "; allowed next states: " + next());
        }
        return target;
    }

    public boolean isUp() {
        return this == STARTING || this == RUNNING;
    }
}
