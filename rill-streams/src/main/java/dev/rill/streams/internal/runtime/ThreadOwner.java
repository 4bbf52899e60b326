package dev.rill.streams.internal.runtime;

import dev.rill.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/** What a stream thread reports to the instance that owns it. */
interface ThreadOwner {
    void onThreadStateChange(StreamThread thread, StreamThreadState oldState, StreamThreadState newState);

    /** Asks the user's uncaught-exception handler what to do about a fatal error. */
    StreamThreadExceptionResponse decide(Throwable error);

    /** The thread has stopped after a fatal error and released its clients. */
    void onThreadFailed(StreamThread thread, StreamThreadExceptionResponse response, Throwable error);

    /** The group told this thread that the application shuts down. */
    void onApplicationShutdownSignal(StreamThread thread);

    /** Whether processing is paused ({@code RillStreams.pause()}): threads keep polling but process nothing. */
    boolean processingPaused();
}
