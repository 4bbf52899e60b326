package dev.rill.bench.sides;

import dev.rill.connect.StandaloneWorker;

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
        StandaloneWorker worker = StandaloneWorker.start(Path.of(args[0]), connectors);
        SideMain.runUntilStopped(worker::close);
    }
}
