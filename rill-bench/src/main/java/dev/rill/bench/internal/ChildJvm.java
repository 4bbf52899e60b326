package dev.rill.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A side running in its own JVM, started with the given classpath, JVM flags and main class; its output goes
 * to a log file. Tracks the peak resident set size seen while it runs.
 */
final class ChildJvm implements AutoCloseable {

    private static final long STOP_GRACE_SECONDS = 60;

    private final Process process;
    private final Path logFile;
    private final Thread killOnExit;
    private long peakRssBytes;

    private ChildJvm(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
        // If the harness is interrupted (Ctrl-C), don't leave a side running and competing for the CPU.
        this.killOnExit = new Thread(process::destroyForcibly, "kill-bench-side-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static ChildJvm start(String classpath, List<String> jvmFlags, Path log4jConfig, String mainClass,
                          List<String> args, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-Dlog4j2.configurationFile=" + log4jConfig.toAbsolutePath());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        // A classpath in the environment would leak into the child and make the sides' classpaths differ.
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return new ChildJvm(builder.start(), logFile);
    }

    /** The child's process, for a scenario that owns it (see {@link dev.rill.bench.SideJvms}). */
    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Path logFile() {
        return logFile;
    }

    /** Reads the process's memory figures now and returns the highest peak seen so far (0 if never readable). */
    long samplePeakRss() {
        if (process.isAlive()) {
            peakRssBytes = Math.max(peakRssBytes, ProcStatus.of(process.pid()).bestPeak());
        }
        return peakRssBytes;
    }

    /** Asks the JVM to shut down (SIGTERM, which runs its shutdown hooks); kills it if it has not exited in time. */
    void stop() {
        samplePeakRss();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the harness is already shutting down; the hook kills the (exited) process harmlessly
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
