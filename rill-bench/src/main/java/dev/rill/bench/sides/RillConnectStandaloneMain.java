package dev.rill.bench.sides;

import dev.rill.connect.ConnectWorker;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Rill Connect standalone with the command line of Apache's {@code connect-standalone.sh}:
 * {@code worker.properties connector.properties...}; runs until SIGTERM.
 */
public final class RillConnectStandaloneMain {

    private RillConnectStandaloneMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: worker.properties [connector.properties ...]");
        }
        List<Path> connectors = Arrays.stream(args).skip(1).map(Path::of).toList();
        ConnectWorker worker = ConnectWorker.builder().workerProperties(Path.of(args[0]))
                .connectorFiles(connectors).start();
        SideMain.runUntilStopped(worker::close);
    }
}
