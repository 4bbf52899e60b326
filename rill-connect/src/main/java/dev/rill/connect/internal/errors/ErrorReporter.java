package dev.rill.connect.internal.errors;

import java.util.concurrent.Future;

/** Receives every failed operation (after retries) that the error handler reports. */
public interface ErrorReporter extends AutoCloseable {
    /** Reports the failure; the returned future completes when the report is durable. */
    Future<?> report(ErrorContext context);

    @Override
    default void close() {
    }
}
