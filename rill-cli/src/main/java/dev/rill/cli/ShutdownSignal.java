package dev.rill.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a clean-up action when the JVM is asked to stop (Ctrl-C, SIGTERM) and lets the main thread wait for it,
 * so long-running commands stop cleanly instead of being cut off mid-write.
 */
final class ShutdownSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);

    private ShutdownSignal() {
    }

    static ShutdownSignal install(Runnable cleanUp) {
        ShutdownSignal signal = new ShutdownSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cleanUp.run();
            } finally {
                signal.stopped.countDown();
            }
        }, "rill-shutdown"));
        return signal;
    }

    /** Waits up to {@code timeout} for the shutdown hook to finish its clean-up; true if it has. */
    boolean await(java.time.Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Blocks until the shutdown hook has run its clean-up. */
    void await() throws InterruptedException {
        stopped.await();
    }
}
