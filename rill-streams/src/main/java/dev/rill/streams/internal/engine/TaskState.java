package dev.rill.streams.internal.engine;

import dev.rill.streams.errors.IllegalStateTransitionException;
import java.util.Set;

/**
 * Lifecycle of a task.
 * <pre>
 * CREATED --openStores--> RESTORING --initialize--> RUNNING --close--> CLOSED
 *    \-------------initialize------------------/
 *    \ \__________________close____________________________/
 *  (RESTORING --close--> CLOSED)
 * </pre>
 */
public enum TaskState {
    CREATED, RESTORING, RUNNING, CLOSED;

    private Set<TaskState> next() {
        return switch (this) {
            case CREATED -> Set.of(RESTORING, RUNNING, CLOSED);
            case RESTORING -> Set.of(RUNNING, CLOSED);
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
