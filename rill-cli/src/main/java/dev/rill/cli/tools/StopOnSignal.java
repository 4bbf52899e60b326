package dev.rill.cli.tools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While open, Ctrl-C or SIGTERM runs a stop action (e.g. waking a consumer) and waits up to 10 s for the command
 * to finish cleanly (commit, close, summary); closing removes the hook, so in-process runs leave no hooks behind.
 */
final class StopOnSignal implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile Runnable stop = () -> { };

    StopOnSignal() {
        hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rill-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What a signal does from now on, e.g. wake the consumer the command has just created. */
    void onSignal(Runnable action) {
        this.stop = action;
    }

    /** Call when the command is done (clients closed, summary printed): a pending signal may now end the JVM. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it waits for the countDown above.
        }
    }
}
