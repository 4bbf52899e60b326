package dev.rill.streams.internal.engine;

import dev.rill.streams.errors.StreamsException;

/** A record failure an exception handler answered with FAIL: the task stops and nothing after it is committed. */
public final class FatalRecordException extends StreamsException {
    public FatalRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
