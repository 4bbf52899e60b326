package dev.rill.streams.internal.engine;

import dev.rill.streams.errors.StreamsException;

/**
 * The task must stop processing for a reason that is not the record's fault (exactly-once: the open transaction can
 * no longer commit). Processor nodes let it pass: it never reaches the processing exception handler, which would
 * otherwise count a healthy record as dropped, or swallow the stop with CONTINUE.
 */
public abstract class TaskMustStopException extends StreamsException {
    protected TaskMustStopException(String message, Throwable cause) {
        super(message, cause);
    }
}
