package dev.rill.streams.internal.runtime;

import dev.rill.streams.errors.IllegalStateTransitionException;
import java.util.Set;

/**
 * Lifecycle of a stream thread.
 * <pre>
 * CREATED -> STARTING -> PARTITIONS_REVOKED <-> PARTITIONS_ASSIGNED -> RUNNING
 *                              ^                                          |
 *                              +------------------------------------------+
 * any state but DEAD -> PENDING_SHUTDOWN -> DEAD
 * </pre>
 */
public enum StreamThreadState {
    CREATED, STARTING, PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, RUNNING, PENDING_SHUTDOWN, DEAD;

    Set<StreamThreadState> next() {
        return switch (this) {
            case CREATED -> Set.of(STARTING, PENDING_SHUTDOWN);
            case STARTING -> Set.of(PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, PENDING_SHUTDOWN);
            case PARTITIONS_REVOKED -> Set.of(PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, PENDING_SHUTDOWN);
            case PARTITIONS_ASSIGNED -> Set.of(PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, RUNNING, PENDING_SHUTDOWN);
            case RUNNING -> Set.of(PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, PENDING_SHUTDOWN);
            case PENDING_SHUTDOWN -> Set.of(DEAD);
            case DEAD -> Set.of();
        };
    }

    boolean isRebalancing() {
        return this == STARTING || this == PARTITIONS_REVOKED || this == PARTITIONS_ASSIGNED;
    }

    StreamThreadState checkTransition(StreamThreadState target, String thread) {
        if (!next().contains(target)) {
            throw new IllegalStateTransitionException("Stream thread " + thread, this, target);
        }
        return target;
    }
}
