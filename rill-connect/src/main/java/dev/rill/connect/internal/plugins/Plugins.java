package dev.rill.connect.internal.plugins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.components.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The plugin registry: discovers plugins on the worker's classpath and on every {@code plugin.path} location
 * (each in its own {@link PluginClassLoader}), resolves class names and aliases, and instantiates plugins with
 * the right class loader.
 *
 * <p>Discovery reads {@code META-INF/services} manifests (no class is loaded beyond the ones declared); only a
 * plugin location without manifests is scanned class by class, and only when {@code plugin.discovery} allows it.
 * The worker's own classpath is never scanned.
 */
public final class Plugins {
    private static final Logger log = LoggerFactory.getLogger(Plugins.class);
    /**
     * The converters Apache's worker ships in connect-runtime ({@code org.apache.kafka.connect.converters}), each
     * answered by Rill's own equivalent. They are listed under Apache's names, as converters and header
     * converters with Apache's version, as Apache's worker lists them.
     */
    private static final Map<String, String> APACHE_CONVERTERS = apacheConverters();

    private static Map<String, String> apacheConverters() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String simple : List.of("BooleanConverter", "ByteArrayConverter", "DoubleConverter", "FloatConverter",
                "IntegerConverter", "LongConverter", "ShortConverter")) {
            m.put("org.apache.kafka.connect.converters." + simple, "dev.rill.connect.converters." + simple);
        }
        return Collections.unmodifiableMap(m);
    }

    private final ClassLoader workerLoader;
    private final List<PluginDesc> plugins = new ArrayList<>();
    private final Map<String, List<PluginDesc>> byName = new HashMap<>();
    private final List<PluginClassLoader> loaders = new ArrayList<>();
    private final ApacheWorkerClasspath apacheWorker;

    private Plugins(ClassLoader workerLoader, Path apacheWorkerDir) {
        this.workerLoader = workerLoader;
        this.apacheWorker = apacheWorkerDir == null ? ApacheWorkerClasspath.fromSystemProperty(workerLoader)
                : new ApacheWorkerClasspath(apacheWorkerDir, workerLoader);
    }

    /**
     * Discovers every plugin on the worker classpath and on {@code pluginPath}; the classes Apache's worker
     * provides to plugins come from the directory named by {@value ApacheWorkerClasspath#DIR_PROPERTY}.
     */
    public static Plugins discover(List<String> pluginPath, PluginDiscovery discovery) {
        return discover(pluginPath, discovery, null);
    }

    /** Like {@link #discover(List, PluginDiscovery)}, with Apache's worker jars in {@code apacheWorkerDir}. */
    static Plugins discover(List<String> pluginPath, PluginDiscovery discovery, Path apacheWorkerDir) {
        Plugins plugins = new Plugins(Plugins.class.getClassLoader(), apacheWorkerDir);
        plugins.discoverClasspath();
        for (String entry : pluginPath) {
            Path root = Paths.get(entry).toAbsolutePath();
            if (!Files.exists(root)) {
                log.warn("plugin.path entry {} does not exist; skipping it", root);
                continue;
            }
            for (Path location : locations(root)) {
                plugins.discoverLocation(location, discovery);
            }
        }
        plugins.index();
        log.info("Discovered {} plugins ({} plugin locations)", plugins.plugins.size(), plugins.loaders.size());
        return plugins;
    }

    private static List<Path> locations(Path root) {
        if (Files.isRegularFile(root) || isClassesDir(root)) {
            return List.of(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isDirectory(p) || isJar(p)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list plugin.path entry " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean isClassesDir(Path dir) {
        return Files.isDirectory(dir.resolve("META-INF")) && !hasJars(dir);
    }

    private static boolean hasJars(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(Plugins::isJar);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isJar(Path p) {
        String n = p.getFileName().toString().toLowerCase();
        return Files.isRegularFile(p) && (n.endsWith(".jar") || n.endsWith(".zip"));
    }

    private void discoverClasspath() {
        for (PluginType type : PluginType.values()) {
            for (String className : manifestEntries(workerLoader, type, false)) {
                register(className, type, workerLoader, "classpath");
            }
        }
        register(FileConfigProvider.class.getName(), PluginType.CONFIGPROVIDER, workerLoader, "classpath");
        register(DirectoryConfigProvider.class.getName(), PluginType.CONFIGPROVIDER, workerLoader, "classpath");
        register(EnvVarConfigProvider.class.getName(), PluginType.CONFIGPROVIDER, workerLoader, "classpath");
        APACHE_CONVERTERS.forEach((apache, rill) -> {
            Class<?> c = load(rill, workerLoader);
            for (PluginType type : List.of(PluginType.CONVERTER, PluginType.HEADER_CONVERTER)) {
                if (c != null && type.superType().isAssignableFrom(c)) {
                    plugins.add(new PluginDesc(apache, type, AppInfoParser.getVersion(), workerLoader, "classpath"));
                }
            }
        });
    }

    private void discoverLocation(Path location, PluginDiscovery discovery) {
        List<URL> urls = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.filter(Plugins::isJar).sorted().forEach(p -> urls.add(toUrl(p)));
                }
                if (urls.isEmpty()) {
                    urls.add(location.toUri().toURL());
                }
            } else {
                urls.add(location.toUri().toURL());
            }
        } catch (IOException e) {
            log.error("Cannot read plugin location {}: {}", location, e.getMessage());
            return;
        }
        PluginClassLoader loader = new PluginClassLoader(location.toString(), urls.toArray(new URL[0]), workerLoader,
                apacheWorker);
        loaders.add(loader);
        int found = 0;
        if (discovery != PluginDiscovery.ONLY_SCAN) {
            for (PluginType type : PluginType.values()) {
                for (String className : manifestEntries(loader, type, true)) {
                    found += register(className, type, loader, location.toString()) ? 1 : 0;
                }
            }
        }
        if (found == 0 && discovery != PluginDiscovery.SERVICE_LOAD) {
            if (discovery == PluginDiscovery.HYBRID_FAIL) {
                throw new IllegalStateException("Plugin location " + location + " declares no plugins in "
                        + "META-INF/services and plugin.discovery=hybrid_fail; add the manifests or use "
                        + "plugin.discovery=hybrid_warn");
            }
            if (discovery == PluginDiscovery.HYBRID_WARN) {
                log.warn("Plugin location {} has no META-INF/services manifests; scanning its classes "
                        + "(slower; add manifests to start faster)", location);
            }
            scan(loader, urls, location.toString());
        }
    }

    private static URL toUrl(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> manifestEntries(ClassLoader loader, PluginType type, boolean ownOnly) {
        Set<String> names = new LinkedHashSet<>();
        String resource = "META-INF/services/" + type.superType().getName();
        try {
            Enumeration<URL> urls = ownOnly ? ((PluginClassLoader) loader).findResources(resource)
                    : loader.getResources(resource);
            for (URL url : Collections.list(urls)) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        int hash = line.indexOf('#');
                        String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Cannot read {} manifests: {}", type.superType().getSimpleName(), e.getMessage());
        }
        return names;
    }

    private void scan(PluginClassLoader loader, List<URL> urls, String location) {
        for (URL url : urls) {
            Path path = Paths.get(java.net.URI.create(url.toString()));
            List<String> classNames = new ArrayList<>();
            try {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.walk(path)) {
                        files.filter(f -> f.toString().endsWith(".class"))
                                .forEach(f -> classNames.add(toClassName(path.relativize(f).toString())));
                    }
                } else {
                    try (JarFile jar = new JarFile(path.toFile())) {
                        for (JarEntry e : Collections.list(jar.entries())) {
                            if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF")) {
                                classNames.add(toClassName(e.getName()));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                log.warn("Cannot scan {}: {}", path, e.getMessage());
            }
            for (String name : classNames) {
                if (name.endsWith("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c;
                try {
                    c = Class.forName(name, false, loader);
                } catch (Throwable t) {
                    continue;
                }
                for (PluginType type : PluginType.values()) {
                    if (type.superType().isAssignableFrom(c) && isConcrete(c)) {
                        register(name, type, loader, location);
                    }
                }
            }
        }
    }

    private static String toClassName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace('\\', '.');
    }

    private static boolean isConcrete(Class<?> c) {
        int m = c.getModifiers();
        if (Modifier.isAbstract(m) || c.isInterface() || !Modifier.isPublic(m)) {
            return false;
        }
        try {
            c.getConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private boolean register(String className, PluginType type, ClassLoader loader, String location) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            if (!type.superType().isAssignableFrom(c) || !isConcrete(c)) {
                return false;
            }
            plugins.add(new PluginDesc(className, type, versionOf(c, loader), loader, location));
            return true;
        } catch (Throwable t) {
            log.warn("Skipping plugin {} declared in {}: {}", className, location, t.toString());
            return false;
        }
    }

    private static String versionOf(Class<?> c, ClassLoader loader) {
        if (!Versioned.class.isAssignableFrom(c)) {
            return "undefined";
        }
        return withLoader(loader, () -> {
            try {
                String v = ((Versioned) c.getConstructor().newInstance()).version();
                return v == null ? "undefined" : v;
            } catch (Throwable t) {
                return "undefined";
            }
        });
    }

    private void index() {
        Collections.sort(plugins);
        for (PluginDesc d : plugins) {
            add(d.className(), d);
            add(d.simpleName(), d);
            String simple = d.simpleName();
            if (d.type().isConnector() && simple.endsWith("Connector") && simple.length() > "Connector".length()) {
                add(simple.substring(0, simple.length() - "Connector".length()), d);
            }
            int dollar = d.className().lastIndexOf('.');
            String nested = d.className().substring(dollar + 1);
            if (nested.contains("$")) {
                add(nested, d);
            }
        }
    }

    private void add(String name, PluginDesc d) {
        List<PluginDesc> list = byName.computeIfAbsent(name, k -> new ArrayList<>());
        if (!list.contains(d)) {
            list.add(d);
        }
    }

    /** The class loaders of the plugin locations. */
    List<PluginClassLoader> loaders() {
        return Collections.unmodifiableList(loaders);
    }

    /** Every discovered plugin, sorted by class name. */
    public List<PluginDesc> all() {
        return Collections.unmodifiableList(plugins);
    }

    /** The connector plugin named by a full class name or alias. */
    public PluginDesc connector(String name) {
        List<PluginDesc> found = find(name, PluginType.SOURCE, PluginType.SINK);
        if (found.isEmpty()) {
            Set<String> known = new TreeSet<>();
            plugins.stream().filter(p -> p.type().isConnector()).forEach(p -> known.add(p.className()));
            throw new PluginNotFoundException("Failed to find any class that implements Connector and which name "
                    + "matches " + name + "; available connectors are: " + known
                    + ". Check connector.class and plugin.path");
        }
        return found.get(0);
    }

    /** Plugins of the given types matching the class name or alias (exact class names first). */
    public List<PluginDesc> find(String name, PluginType... types) {
        List<PluginDesc> out = new ArrayList<>();
        for (PluginDesc d : byName.getOrDefault(name == null ? "" : name.trim(), List.of())) {
            for (PluginType t : types) {
                if (d.type() == t && !out.contains(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /**
     * Creates an instance of a plugin of the given kind; an unknown name is finally looked up through
     * {@code fallback} (a connector's own loader), so classes bundled with a connector can be used.
     */
    public <T> T newInstance(String name, PluginType type, Class<T> expected, ClassLoader fallback) {
        List<PluginDesc> found = find(name, type);
        Class<?> c = null;
        ClassLoader loader;
        if (!found.isEmpty()) {
            loader = found.get(0).loader();
            c = load(implementationOf(found.get(0)), loader);
        } else {
            loader = fallback == null ? workerLoader : fallback;
            String className = name.trim();
            c = load(className, loader);
            if (c == null && loader != workerLoader) {
                loader = workerLoader;
                c = load(className, loader);
            }
        }
        if (c == null) {
            throw new PluginNotFoundException("Class " + name + " could not be found as a " + type.restName()
                    + " plugin; check the class name and that its jar is on plugin.path");
        }
        if (!expected.isAssignableFrom(c)) {
            throw new PluginNotFoundException(name + " is not a " + expected.getSimpleName()
                    + " (found " + c.getName() + "); use a class that implements " + expected.getName());
        }
        Class<?> cls = c;
        return withLoader(loader, () -> {
            try {
                return expected.cast(cls.getConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new PluginNotFoundException("Could not instantiate " + cls.getName() + ": " + cause, cause);
            }
        });
    }

    /** The class that implements a plugin: Rill's own for the converters Apache ships in connect-runtime. */
    private String implementationOf(PluginDesc d) {
        return d.loader() == workerLoader ? APACHE_CONVERTERS.getOrDefault(d.className(), d.className()) : d.className();
    }

    /** Where the classes Apache's worker provides to plugins come from (connect-runtime and its libraries). */
    public ApacheWorkerClasspath apacheWorkerClasspath() {
        return apacheWorker;
    }

    private static Class<?> load(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The loader that defines {@code plugin}'s class, or the worker loader. */
    public ClassLoader loaderOf(Object plugin) {
        ClassLoader l = plugin.getClass().getClassLoader();
        return l == null ? workerLoader : l;
    }

    public ClassLoader workerLoader() {
        return workerLoader;
    }

    /** Runs {@code action} with {@code loader} as the thread context class loader. */
    public static <T> T withLoader(ClassLoader loader, Supplier<T> action) {
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            t.setContextClassLoader(saved);
        }
    }

    public static void runWithLoader(ClassLoader loader, Runnable action) {
        withLoader(loader, () -> {
            action.run();
            return null;
        });
    }

    /** Closes every plugin class loader. */
    public void close() {
        for (PluginClassLoader l : loaders) {
            try {
                l.close();
            } catch (IOException e) {
                log.debug("Closing {} failed", l.location(), e);
            }
        }
        apacheWorker.close();
    }
}
