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
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), DistributedWorkerMain.class.getName(),
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
