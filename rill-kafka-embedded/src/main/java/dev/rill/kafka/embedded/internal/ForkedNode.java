package dev.rill.kafka.embedded.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A KRaft node in a child JVM on this JVM's class path, so that {@link #hardKill()} is a real {@code SIGKILL}:
 * no controlled shutdown, no flush, the broker's peers only notice it stopped answering.
 * The child exits on its own when this JVM dies (it watches its standard input).
 */
final class ForkedNode implements KafkaNode {

    private static final Logger LOG = LoggerFactory.getLogger(ForkedNode.class);
    static final String READY_LINE = "RILL-NODE-READY";
    private static final long START_TIMEOUT_SECONDS = 120;

    private final NodeSpec spec;
    private NodeState state = NodeState.NEW;
    private Process process;

    ForkedNode(NodeSpec spec) {
        this.spec = spec;
    }

    @Override
    public NodeSpec spec() {
        return spec;
    }

    @Override
    public synchronized NodeState state() {
        return state;
    }

    @Override
    public synchronized void start() {
        state = state.transitionTo(NodeState.STARTING);
        try {
            Path specFile = NodeSpecFile.write(spec);
            Path logFile = spec.directory().resolveSibling("node-" + spec.id() + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    ForkedNodeMain.class.getName(), specFile.toString()))
                    .redirectErrorStream(true)
                    .start();
            CountDownLatch ready = new CountDownLatch(1);
            Thread drain = new Thread(() -> copyOutput(logFile, ready), "rill-kafka-node-" + spec.id() + "-output");
            drain.setDaemon(true);
            drain.start();
            if (!awaitReady(ready)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("Kafka node " + spec.id() + " did not start within "
                        + START_TIMEOUT_SECONDS + " s; its output is in " + logFile);
            }
            state = state.transitionTo(NodeState.RUNNING);
            LOG.info("Kafka node {} ({}) started in child JVM pid {}", spec.id(), spec.role(), process.pid());
        } catch (IOException e) {
            state = state.transitionTo(NodeState.STOPPED);
            throw new UncheckedIOException("cannot start child JVM for Kafka node " + spec.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            state = state.transitionTo(NodeState.STOPPED);
            throw new IllegalStateException("interrupted while starting Kafka node " + spec.id(), e);
        } catch (RuntimeException e) {
            state = state.transitionTo(NodeState.STOPPED);
            throw e;
        }
    }

    private boolean awaitReady(CountDownLatch ready) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (ready.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
        }
        return false;
    }

    private void copyOutput(Path logFile, CountDownLatch ready) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.equals(READY_LINE)) {
                    ready.countDown();
                }
                log.write(line);
                log.write('\n');
                log.flush();
            }
        } catch (IOException e) {
            // The child is gone; its exit is noticed by the process handle.
        }
    }

    @Override
    public synchronized void stop() {
        if (state != NodeState.RUNNING) {
            if (state == NodeState.KILLED) {
                state = state.transitionTo(NodeState.STOPPED);
            }
            return;
        }
        long started = System.nanoTime();
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                LOG.warn("Kafka node {} did not stop within 60 s; killing it", spec.id());
                process.destroyForcibly().waitFor();
            }
            LOG.info("Kafka node {} stopped in {} ms", spec.id(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        state = state.transitionTo(NodeState.STOPPED);
    }

    @Override
    public synchronized void hardKill() {
        state = state.transitionTo(NodeState.KILLED);
        LOG.info("Hard-killing Kafka node {} (pid {})", spec.id(), process.pid());
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
