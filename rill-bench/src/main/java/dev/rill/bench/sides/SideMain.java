package dev.rill.bench.sides;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/** What every benchmark side's main class shares: its properties file and running until SIGTERM. */
final class SideMain {

    /** Key of the topic a side reads. */
    static final String INPUT_TOPIC = "bench.input.topic";
    /** Key of the topic a side writes. */
    static final String OUTPUT_TOPIC = "bench.output.topic";
    /** Key of the second topic a side reads (the right-hand stream of a join). */
    static final String OTHER_INPUT_TOPIC = "bench.other.input.topic";
    /** Key of a window's size (or a join window's time difference), in milliseconds. */
    static final String WINDOW_SIZE_MS = "bench.window.size.ms";
    /** Key of a window's grace period, in milliseconds. */
    static final String WINDOW_GRACE_MS = "bench.window.grace.ms";

    private SideMain() {
    }

    /** Loads the properties file named by the only argument. */
    static Properties load(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("expected one argument, the side's properties file, found "
                    + args.length + " arguments");
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
            props.load(reader);
        }
        return props;
    }

    /** Removes and returns a required harness key, so the rest can be handed to Kafka as configuration. */
    static String take(Properties props, String key) {
        Object value = props.remove(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("the side's properties lack '" + key + "'");
        }
        return value.toString();
    }

    /** Removes and returns a required harness key holding a duration in milliseconds. */
    static java.time.Duration takeMillis(Properties props, String key) {
        return java.time.Duration.ofMillis(Long.parseLong(take(props, key).trim()));
    }

    /** Sleeps between retries of a query; an interrupt ends the wait early and is kept. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until the JVM is asked to stop, then runs {@code close} from the shutdown hook and returns. */
    static void runUntilStopped(Runnable close) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close.run();
            } finally {
                closed.countDown();
            }
        }, "bench-side-shutdown"));
        closed.await();
    }
}
