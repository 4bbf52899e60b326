package dev.rill.connect.internal.runtime;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * An exactly-once source task found its transactional id taken over: a newer instance of the task started, or the
 * leader fenced the task's generation before writing new task configs. The task stops without reporting a failure;
 * its open transaction is aborted and its newer instance (or the new generation) carries on.
 */
final class FencedTaskException extends ConnectException {

    FencedTaskException(String task, Throwable cause) {
        super("Source task " + task + " was fenced out: a newer instance of it, or a new generation of its connector's"
                + " tasks, owns its transactional id; this instance's uncommitted records are discarded", cause);
    }

    /** Whether a producer failure, or one of its causes, is a fencing. */
    static boolean isFencing(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProducerFencedException || c instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }
}
