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
 */
public final class PluginClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final String location;

    public PluginClassLoader(String location, URL[] urls, ClassLoader parent) {
        super("rill-plugin:" + location, urls, parent);
        this.location = location;
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

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isSharedApi(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    c = getParent().loadClass(name);
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
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
