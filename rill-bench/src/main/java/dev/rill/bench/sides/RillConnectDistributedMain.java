package dev.rill.bench.sides;

import dev.rill.connect.ConnectWorker;

import java.nio.file.Path;

/**
 * A Rill Connect distributed worker with the command line of Apache's {@code connect-distributed.sh}:
 * {@code worker.properties}; runs until SIGTERM (or SIGKILL, in the failover scenario).
 */
public final class RillConnectDistributedMain {

    private RillConnectDistributedMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: worker.properties");
        }
        ConnectWorker worker = ConnectWorker.builder().workerProperties(Path.of(args[0])).distributed().start();
        SideMain.runUntilStopped(worker::close);
    }
}
