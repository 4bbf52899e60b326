package dev.rill.connect.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.rill.connect.ConnectWorker;

/**
 * Runs one distributed worker in its own JVM, for tests that kill it: {@code <worker.properties> <url file>}; the
 * REST URL is written to the url file once the worker has joined its group. SIGTERM stops the worker cleanly.
 */
public final class DistributedWorkerMain {
    private DistributedWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        ConnectWorker worker = ConnectWorker.builder().workerProperties(Path.of(args[0])).distributed().start();
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "worker-shutdown"));
        Path urlFile = Path.of(args[1]);
        Path tmp = urlFile.resolveSibling(urlFile.getFileName() + ".tmp");
        Files.writeString(tmp, worker.restUrl());
        Files.move(tmp, urlFile, StandardCopyOption.ATOMIC_MOVE);
        worker.awaitStop();
    }
}
