package dev.rill.connect.internal.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin location (a directory of jars or an uber-jar): the plugin's own classes win,
 * except for the Java platform, logging facades and the Kafka Connect / Kafka clients API, which always come
 * from the worker so that plugin and worker agree on the types they exchange.
 *
 * <p>A class that neither the plugin nor Rill's worker has is finally asked of {@link ApacheWorkerClasspath}:
 * the classes Apache's worker provides to plugins ({@code connect-runtime} and its libraries). Classes of
 * Apache's worker runtime ({@code org.apache.kafka.connect.runtime.*}, {@code org.apache.kafka.connect.cli.*})
 * are never taken from a copy the plugin bundles while Apache's jars are installed, as Apache's worker never
 * loads them in isolation either.
 */
public final class PluginClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final String location;
    private final ApacheWorkerClasspath apacheWorker;

    public PluginClassLoader(String location, URL[] urls, ClassLoader parent) {
        this(location, urls, parent, null);
    }

    PluginClassLoader(String location, URL[] urls, ClassLoader parent, ApacheWorkerClasspath apacheWorker) {
        super("rill-plugin:" + location, urls, parent);
        this.location = location;
        this.apacheWorker = apacheWorker;
    }

    public String location() {
        return location;
    }

    /** True when a class must come from the worker (shared API) rather than from the plugin. */
    static boolean isSharedApi(String name) {
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.")
                || name.startsWith("org.slf4j.") || name.startsWith("org.w3c.dom.")
                || name.startsWith("org.xml.sax.") || name.startsWith("org.ietf.jgss.")) {
            return true;
        }
        if (!name.startsWith("org.apache.kafka.")) {
            return false;
        }
        if (name.startsWith("org.apache.kafka.common.") || name.startsWith("org.apache.kafka.clients.")
                || name.startsWith("org.apache.kafka.server.")) {
            return true;
        }
        if (name.startsWith("org.apache.kafka.connect.")) {
            String rest = name.substring("org.apache.kafka.connect.".length());
            if (rest.startsWith("transforms.")) {
                // connect-api owns only the two interfaces; SMT implementations may be bundled by a plugin.
                return rest.equals("transforms.Transformation") || rest.equals("transforms.predicates.Predicate");
            }
            return rest.startsWith("connector.") || rest.startsWith("data.") || rest.startsWith("errors.")
                    || rest.startsWith("header.") || rest.startsWith("health.") || rest.startsWith("rest.")
                    || rest.startsWith("sink.") || rest.startsWith("source.") || rest.startsWith("storage.")
                    || rest.startsWith("util.") || rest.startsWith("components.");
        }
        return false;
    }

    /**
     * True for the classes of Apache's worker runtime itself, which Apache's worker always provides and never
     * loads from a plugin's own jars.
     */
    static boolean isApacheWorkerRuntime(String name) {
        return name.startsWith("org.apache.kafka.connect.runtime.") || name.startsWith("org.apache.kafka.connect.cli.");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (isSharedApi(name)) {
                    c = fromWorker(name);
                } else if (isApacheWorkerRuntime(name)) {
                    c = fromWorkerOrOwn(name);
                } else {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        c = fromWorker(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** From Rill's worker, else from Apache's worker jars. */
    private Class<?> fromWorker(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException e) {
            if (apacheWorker == null) {
                throw e;
            }
            return apacheWorker.loadClass(name, location);
        }
    }

    /** Apache's runtime classes: the worker's when it has them; the plugin's own copy only as a last resort. */
    private Class<?> fromWorkerOrOwn(String name) throws ClassNotFoundException {
        try {
            return fromWorker(name);
        } catch (ClassNotFoundException e) {
            try {
                return findClass(name);
            } catch (ClassNotFoundException notBundled) {
                throw e;
            }
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        if (own == null) {
            own = super.getResource(name);
        }
        return own != null || apacheWorker == null ? own : apacheWorker.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        if (apacheWorker != null) {
            all.addAll(Collections.list(apacheWorker.getResources(name)));
        }
        return Collections.enumeration(all);
    }
}
