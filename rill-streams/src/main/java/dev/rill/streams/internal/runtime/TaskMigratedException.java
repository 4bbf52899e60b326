package dev.rill.streams.internal.runtime;

import dev.rill.streams.internal.engine.TaskMustStopException;

/**
 * The stream thread's transaction can no longer commit: its producer was fenced, its group generation is stale (the
 * group gave its tasks to another member), or a commit timed out. The open transaction is aborted (or aborted by the
 * broker when fenced); the thread drops its tasks without committing and is replaced by a new thread, whose tasks
 * restart from the last committed transaction. Never passed to the user's uncaught-exception handler.
 */
class TaskMigratedException extends TaskMustStopException {
    TaskMigratedException(String message, Throwable cause) {
        super(message, cause);
    }
}
