package dev.rill.streams.errors;

/** Decides what happens after an exception killed a stream thread. */
@FunctionalInterface
public interface StreamsUncaughtExceptionHandler {
    StreamThreadExceptionResponse handle(Throwable exception);

    /** The possible reactions. */
    enum StreamThreadExceptionResponse {
        /** Start a new thread in place of the dead one; its tasks are reassigned by a rebalance. */
        REPLACE_THREAD,
        /** Shut this instance down (state PENDING_ERROR then ERROR); other instances take over its tasks. */
        SHUTDOWN_CLIENT,
        /** Shut down every instance of the application, signalled through the consumer group. */
        SHUTDOWN_APPLICATION
    }
}
