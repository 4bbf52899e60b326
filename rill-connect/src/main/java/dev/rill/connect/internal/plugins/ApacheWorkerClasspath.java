package dev.rill.connect.internal.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classes Apache Kafka's Connect worker puts on every plugin's class path beyond the Connect API
 * ({@code connect-runtime}'s {@code ConnectorConfig}, {@code TopicAdmin}, {@code KafkaBasedLog}, its converters,
 * and its libraries such as maven-artifact), for plugins published against that class path, as connect-mirror
 * is.
 *
 * <p>The jars are Apache's own 4.3.1 ones, copied by the {@code rill-connect-compat} module into a directory
 * named by the system property {@value #DIR_PROPERTY}. A {@link PluginClassLoader} asks here only for a class
 * that neither the plugin nor Rill's worker has, so plugins that do not need Apache's worker classes never see
 * them, and Rill's own classes never do. The loader over the jars is created when the first plugin asks.
 *
 * <p>Inside, Apache's classes see the same Connect API, kafka-clients, Jackson and SLF4J classes as Rill and the
 * plugins do (those come from the worker); everything else comes from Apache's jars first, so Apache's Jetty 12
 * and Jersey never mix with the libraries Rill itself uses.
 */
public final class ApacheWorkerClasspath {
    /** The system property naming the directory of Apache's worker jars. */
    public static final String DIR_PROPERTY = "rill.connect.apache.worker.dir";

    private static final Logger log = LoggerFactory.getLogger(ApacheWorkerClasspath.class);

    private final Path dir;
    private final ClassLoader workerLoader;
    private final Object lock = new Object();
    private volatile ApacheWorkerClassLoader loader;
    private volatile boolean missingReported;

    ApacheWorkerClasspath(Path dir, ClassLoader workerLoader) {
        this.dir = dir;
        this.workerLoader = workerLoader;
    }

    /** The classpath in the directory named by {@value #DIR_PROPERTY}, or none when the property is not set. */
    static ApacheWorkerClasspath fromSystemProperty(ClassLoader workerLoader) {
        String configured = System.getProperty(DIR_PROPERTY);
        Path dir = configured == null || configured.isBlank() ? null : Path.of(configured.strip()).toAbsolutePath();
        return new ApacheWorkerClasspath(dir, workerLoader);
    }

    /** The directory of Apache's worker jars, or null when none is configured. */
    public Path directory() {
        return dir;
    }

    /** True once a plugin has asked for a class here and the loader over Apache's jars exists. */
    public boolean isLoaded() {
        return loader != null;
    }

    /**
     * Loads a class Apache's worker would provide, for {@code requester}.
     *
     * @throws ClassNotFoundException when Apache's jars do not have it either (or are not installed)
     */
    Class<?> loadClass(String name, String requester) throws ClassNotFoundException {
        ApacheWorkerClassLoader l = loader();
        if (l == null) {
            throw missing(name, requester);
        }
        return l.loadClass(name);
    }

    /** A resource from Apache's jars, only once some plugin needed them; else null. */
    URL getResource(String name) {
        ApacheWorkerClassLoader l = loader;
        return l == null ? null : l.findResource(name);
    }

    Enumeration<URL> getResources(String name) throws IOException {
        ApacheWorkerClassLoader l = loader;
        return l == null ? Collections.emptyEnumeration() : l.findResources(name);
    }

    private ApacheWorkerClassLoader loader() {
        ApacheWorkerClassLoader l = loader;
        if (l != null || dir == null) {
            return l;
        }
        synchronized (lock) {
            if (loader == null && Files.isDirectory(dir)) {
                List<URL> jars = jars(dir);
                if (!jars.isEmpty()) {
                    loader = new ApacheWorkerClassLoader(jars.toArray(new URL[0]), workerLoader);
                    log.info("A plugin needs classes of Apache Kafka's Connect worker; loading them from the {} "
                            + "jars in {}", jars.size(), dir);
                }
            }
            return loader;
        }
    }

    private ClassNotFoundException missing(String name, String requester) {
        if (!name.startsWith("org.apache.kafka.connect.")) {
            return new ClassNotFoundException(name);
        }
        String where = dir == null ? "the system property " + DIR_PROPERTY + " is not set"
                : "no jars were found in " + dir;
        String message = name + " (asked for by the plugin in " + requester + ") is a class Apache Kafka's Connect "
                + "worker provides to plugins; Rill loads such classes from Apache's worker jars, but " + where
                + ". Start the worker with the rill command, or set -D" + DIR_PROPERTY
                + "=<dir> to a directory holding connect-runtime-4.3.1.jar and its libraries "
                + "(rill-connect-compat/target/apache-worker)";
        if (!missingReported) {
            missingReported = true;
            log.warn(message);
        }
        return new ClassNotFoundException(message);
    }

    private static List<URL> jars(Path dir) {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                urls.add(p.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            log.error("Cannot list Apache's worker jars in {}: {}", dir, e.getMessage());
        }
        return urls;
    }

    void close() {
        ApacheWorkerClassLoader l = loader;
        if (l != null) {
            try {
                l.close();
            } catch (IOException e) {
                log.debug("Closing the loader over {} failed", dir, e);
            }
        }
    }

    /**
     * Apache's worker jars: names Rill shares with plugins (the platform, SLF4J, kafka-clients, the Connect API)
     * come from the worker first; every other name from Apache's jars first, then from the worker (Jackson,
     * connect-json, connect-transforms, which are not among the jars).
     */
    static final class ApacheWorkerClassLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        ApacheWorkerClassLoader(URL[] urls, ClassLoader workerLoader) {
            super("rill-apache-worker", urls, workerLoader);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    if (PluginClassLoader.isSharedApi(name)) {
                        try {
                            c = getParent().loadClass(name);
                        } catch (ClassNotFoundException e) {
                            c = findClass(name); // connect-runtime's classes in connect.util / connect.storage
                        }
                    } else {
                        try {
                            c = findClass(name);
                        } catch (ClassNotFoundException e) {
                            c = getParent().loadClass(name);
                        }
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : getParent().getResource(name);
        }
    }
}
