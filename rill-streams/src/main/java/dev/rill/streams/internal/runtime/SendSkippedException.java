package dev.rill.streams.internal.runtime;

/**
 * Exactly-once: a send of the open transaction failed and production.exception.handler answered CONTINUE. The
 * transactional producer cannot commit that transaction any more, so the thread aborts it and is replaced; its tasks
 * replay from the last commit and skip the failed record ({@link SkippedSends}). Counted as an abort with reason
 * {@code skipped-send} where it is thrown.
 */
final class SendSkippedException extends TaskMigratedException {
    SendSkippedException(String message, Throwable cause) {
        super(message, cause);
    }
}
