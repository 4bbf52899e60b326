package dev.rill.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI in a child JVM, as a user runs it, with its output collected line by line; for signal handling tests. */
final class ForkedCli implements AutoCloseable {
    private final Process process;
    private final String name;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ForkedCli(Process process, String name) {
        this.process = process;
        this.name = name;
        Thread reader = new Thread(this::collect, "cli-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ForkedCli start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** Starts {@code rill args} in a child JVM with extra JVM options (such as {@code -Drill.home=…}). */
    static ForkedCli start(List<String> jvmOptions, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ForkedCli(new ProcessBuilder(command).redirectErrorStream(true).start(), "rill " + args[0]);
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(name + "> " + line);
                lines.add(line);
            }
        } catch (IOException e) {
            // process ended
        }
    }

    boolean awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /** Sends SIGTERM and returns the exit code (through the handle: Process.destroy() would close our pipes). */
    int terminate() throws InterruptedException {
        process.toHandle().destroy();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(name + " stops after SIGTERM").isTrue();
        return process.exitValue();
    }

    /** Kills the process with SIGKILL, as a crash would, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(name + " ends after SIGKILL").isTrue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
