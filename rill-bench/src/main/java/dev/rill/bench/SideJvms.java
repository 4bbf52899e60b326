package dev.rill.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts another JVM of a side, the way the harness starts the timed one (its classpath, the shared JVM flags, the
 * child log configuration), for scenarios that need more than one process of a side, e.g. the other worker of a
 * Connect cluster. The scenario owns the process: it stops or kills it and must not leave it running.
 */
@FunctionalInterface
public interface SideJvms {

    /** Starts {@code side}'s main class with {@code args}, its output going to {@code logFile}. */
    Process start(Side side, List<String> args, Path logFile) throws IOException;
}
