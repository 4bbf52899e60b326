package dev.rill.connect.internal.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Runs one pipeline operation with Kafka Connect's error semantics: retriable failures are retried with
 * exponential backoff for up to {@code errors.retry.timeout} ms (delays capped by
 * {@code errors.retry.delay.max.ms}); a final failure is reported to every reporter and then either fails the
 * task ({@code errors.tolerance=none}) or skips the record ({@code all}).
 */
public final class ErrorHandler implements AutoCloseable {
    private static final long INITIAL_DELAY_MS = 300;

    private final long retryTimeoutMs;
    private final long maxDelayMs;
    private final boolean tolerateAll;
    private final List<ErrorReporter> reporters = new ArrayList<>();
    private final List<Future<?>> pendingReports = new ArrayList<>();
    private volatile boolean stopping;
    private long errorCount;
    private boolean lastFailed;

    public ErrorHandler(long retryTimeoutMs, long maxDelayMs, boolean tolerateAll) {
        this.retryTimeoutMs = retryTimeoutMs;
        this.maxDelayMs = maxDelayMs;
        this.tolerateAll = tolerateAll;
    }

    public void addReporter(ErrorReporter reporter) {
        reporters.add(reporter);
    }

    public boolean toleratesAll() {
        return tolerateAll;
    }

    public long errorCount() {
        return errorCount;
    }

    /** Interrupts retry waits so a task can stop quickly. */
    public void stop() {
        stopping = true;
    }

    /**
     * Executes {@code op}; returns its result, or {@code null} when it failed and the failure is tolerated.
     * Throws {@link ConnectException} ("Tolerance exceeded in error handler") when it is not.
     */
    public <T> T execute(Stage stage, Class<?> executingClass, ConsumerRecord<byte[], byte[]> consumed,
                         ConnectRecord<?> record, Callable<T> op) {
        long deadline = retryTimeoutMs < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + retryTimeoutMs;
        long delay = INITIAL_DELAY_MS;
        lastFailed = false;
        while (true) {
            try {
                return op.call();
            } catch (RetriableException e) {
                long now = System.currentTimeMillis();
                if (retryTimeoutMs != 0 && now < deadline && !stopping) {
                    sleep(Math.min(Math.min(delay, maxDelayMs), Math.max(1, deadline - now)));
                    delay = delay * 2;
                    continue;
                }
                return fail(new ErrorContext(stage, executingClass, e, consumed, record));
            } catch (Exception e) {
                return fail(new ErrorContext(stage, executingClass, e, consumed, record));
            }
        }
    }

    /** Reports an error a task raised itself (errant record reporter); throws unless tolerated. */
    public Future<?> reportErrant(ErrorContext context) {
        errorCount++;
        List<Future<?>> futures = reportAll(context);
        if (!tolerateAll) {
            throw new ConnectException("Tolerance exceeded in error handler", context.error());
        }
        return futures.isEmpty() ? java.util.concurrent.CompletableFuture.completedFuture(null) : futures.get(0);
    }

    /** True when the last {@link #execute} failed and the failure was tolerated (its null result means "skip"). */
    public boolean lastFailed() {
        return lastFailed;
    }

    private <T> T fail(ErrorContext context) {
        errorCount++;
        lastFailed = true;
        reportAll(context);
        if (!tolerateAll) {
            throw new ConnectException("Tolerance exceeded in error handler", context.error());
        }
        return null;
    }

    private List<Future<?>> reportAll(ErrorContext context) {
        List<Future<?>> out = new ArrayList<>();
        for (ErrorReporter r : reporters) {
            Future<?> f = r.report(context);
            out.add(f);
            synchronized (pendingReports) {
                pendingReports.add(f);
            }
        }
        return out;
    }

    /** Waits for reports sent so far (called before committing offsets, so no failed record is lost). */
    public void awaitReports() {
        List<Future<?>> copy;
        synchronized (pendingReports) {
            copy = new ArrayList<>(pendingReports);
            pendingReports.clear();
        }
        for (Future<?> f : copy) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while waiting for error reports", e);
            } catch (Exception e) {
                throw new ConnectException("Reporting a failed record did not complete: " + e.getMessage(), e);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (ErrorReporter r : reporters) {
            r.close();
        }
    }
}
