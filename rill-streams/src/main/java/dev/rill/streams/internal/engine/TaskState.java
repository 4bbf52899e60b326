package dev.rill.streams.internal.engine;

import dev.rill.streams.errors.IllegalStateTransitionException;
import java.util.Set;

/**
 * Lifecycle of a task.
 * <pre>
 * CREATED --initialize--> RUNNING --close--> CLOSED
 *    \____________________close____________/
 * </pre>
 */
public enum TaskState {
    CREATED, RUNNING, CLOSED;

    private Set<TaskState> next() {
        return switch (this) {
            case CREATED -> Set.of(RUNNING, CLOSED);
            case RUNNING -> Set.of(CLOSED);
            case CLOSED -> Set.of();
        };
    }

    TaskState transitionTo(TaskState target, Object taskId) {
        if (!next().contains(target)) {
            throw new IllegalStateTransitionException("Task " + taskId, this, target);
        }
        return target;
    }
}
