package dev.rill.streams.errors;

/** What an exception handler tells the runtime to do with a failed record. */
public enum HandlerResponse {
    /** Skip the record (it is counted as dropped and sent to the dead-letter topic if one is configured). */
    CONTINUE,
    /** Stop the stream thread without committing the failed record's offset. */
    FAIL
}
