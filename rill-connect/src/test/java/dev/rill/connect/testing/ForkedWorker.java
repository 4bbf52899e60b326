package dev.rill.connect.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A distributed worker in its own JVM ({@link DistributedWorkerMain}), for tests that kill it with SIGKILL. Its
 * properties, log and REST URL are files {@code <name>.properties|.log|.url} in the test's directory.
 */
public final class ForkedWorker implements AutoCloseable {
    private final Process process;
    private final Path urlFile;
    private final Path log;

    private ForkedWorker(Process process, Path urlFile, Path log) {
        this.process = process;
        this.urlFile = urlFile;
        this.log = log;
    }

    /** Starts the worker; {@link #awaitRestUrl} waits until it has joined its group. */
    public static ForkedWorker start(Map<String, String> workerProps, Path dir, String name) throws IOException {
        Path props = dir.resolve(name + ".properties");
        Properties p = new Properties();
        p.putAll(workerProps);
        try (var out = Files.newOutputStream(props)) {
            p.store(out, null);
        }
        Path urlFile = dir.resolve(name + ".url");
        Path log = dir.resolve(name + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only: a worker JVM starts (and rejoins) about a second sooner on a busy 2-core machine
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), DistributedWorkerMain.class.getName(),
                props.toString(), urlFile.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ForkedWorker(process, urlFile, log);
    }

    /** The worker's REST URL once it has joined; fails at once with its log if the JVM exits first. */
    public String awaitRestUrl(Duration timeout) {
        await().atMost(timeout).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the forked worker exited: " + Files.readString(log));
            }
            return Files.exists(urlFile);
        });
        try {
            return Files.readString(urlFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The worker's id in statuses ({@code host:port} of its REST listener), once it has joined. */
    public String workerId() {
        java.net.URI uri = java.net.URI.create(awaitRestUrl(Duration.ofSeconds(60)));
        return uri.getHost() + ":" + uri.getPort();
    }

    /**
     * A clean stop (SIGTERM: the worker stops its tasks, commits, and leaves its group); waits up to 60 s for the
     * JVM to exit and fails with its log if it does not.
     */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the forked worker did not stop within 60 s of SIGTERM: "
                        + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and waits until the JVM is gone. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
