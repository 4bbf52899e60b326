package dev.rill.cli;

import dev.rill.connect.ConnectWorker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where Rill's built-in connector plugins are: {@code rill-connect-*}/target/plugin under the Rill home (the
 * repository root, passed by the {@code rill} script as {@code -Drill.home}).
 */
final class BuiltInPlugins {

    static final String HOME_PROPERTY = "rill.home";

    private BuiltInPlugins() {
    }

    /** Where rill-connect-compat puts Apache's worker jars, under the Rill home. */
    static final String APACHE_WORKER_JARS = "rill-connect-compat/target/apache-worker";

    /**
     * Points Rill Connect at Apache's worker jars under the Rill home (for plugins such as connect-mirror that
     * use connect-runtime's classes), unless {@code -Drill.connect.apache.worker.dir} already names a directory.
     */
    static void useApacheWorkerJars() {
        if (System.getProperty(ConnectWorker.APACHE_WORKER_DIR_PROPERTY) != null) {
            return;
        }
        Path jars = Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve(APACHE_WORKER_JARS).toAbsolutePath();
        if (Files.isDirectory(jars)) {
            System.setProperty(ConnectWorker.APACHE_WORKER_DIR_PROPERTY, jars.toString());
        }
    }

    /** The plugin directories of the built-in connectors that exist under the Rill home. */
    static List<Path> directories() {
        Path home = Path.of(System.getProperty(HOME_PROPERTY, "."));
        try (Stream<Path> modules = Files.list(home)) {
            return modules.filter(dir -> dir.getFileName().toString().startsWith("rill-connect-"))
                    .map(dir -> dir.resolve("target/plugin"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Rill home " + home.toAbsolutePath(), e);
        }
    }
}
