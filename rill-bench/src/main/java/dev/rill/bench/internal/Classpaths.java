package dev.rill.bench.internal;

import dev.rill.bench.Side;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The classpaths child JVMs run on, by name, and whether a side's main class is on its classpath. */
final class Classpaths {

    private final Map<String, String> byName;

    Classpaths(Map<String, String> byName) {
        this.byName = Map.copyOf(byName);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Why the side cannot run here, or empty if it can. */
    Optional<String> unavailableReason(Side side) {
        Optional<String> classpath = get(side.classpath());
        if (classpath.isEmpty()) {
            return Optional.of("no classpath named '" + side.classpath() + "' was given (--classpath "
                    + side.classpath() + "=...); known: " + byName.keySet());
        }
        if (!containsClass(classpath.get(), side.mainClass())) {
            return Optional.of("main class " + side.mainClass() + " is not on classpath '" + side.classpath() + "'");
        }
        return Optional.empty();
    }

    static boolean containsClass(String classpath, String className) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    urls.add(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("bad classpath entry '" + entry + "'", e);
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            return loader.findResource(className.replace('.', '/') + ".class") != null;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
