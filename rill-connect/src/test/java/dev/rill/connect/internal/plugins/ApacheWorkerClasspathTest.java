package dev.rill.connect.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * The compatibility layer behind the plugin class loaders: a plugin that uses classes Apache's worker provides
 * gets them from Apache's jars, lazily; the plugin's own libraries still win, a copy of Apache's runtime classes
 * bundled by the plugin does not, and Rill's own classes never see Apache's jars.
 */
class ApacheWorkerClasspathTest {
    @TempDir
    static Path tmp;
    private static Path apacheJars;

    /** Compiles {@code sources} (class name → source) into a jar at {@code jar}. */
    private static void jar(Path jar, Map<String, String> sources, Path... classpath) throws IOException {
        Path build = Files.createDirectories(jar.getParent().getParent().resolve("build"));
        Path src = Files.createTempDirectory(build, "src");
        Path out = Files.createTempDirectory(build, "classes");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-proc:none"));
        if (classpath.length > 0) {
            args.add("-cp");
            args.add(String.join(java.io.File.pathSeparator, Stream.of(classpath).map(Path::toString).toList()));
        }
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(new String[0]))).as("javac").isZero();
        Files.createDirectories(jar.getParent());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os);
             Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(out.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
    }

    private static String cls(String fqcn, String body) {
        int dot = fqcn.lastIndexOf('.');
        return "package " + fqcn.substring(0, dot) + "; public class " + fqcn.substring(dot + 1) + " { " + body + " }";
    }

    private static final String RUNTIME = "org.apache.kafka.connect.runtime.RillTestWorkerClass";
    private static final String LIBRARY = "org.apache.maven.artifact.RillTestLibrary";

    /** Apache's worker jars, a plugin that needs them, one that bundles its own library, one that needs nothing. */
    @BeforeAll
    static void compile() throws IOException {
        apacheJars = setUp();
    }

    private static Path setUp() throws IOException {
        Path apache = tmp.resolve("apache-worker");
        jar(apache.resolve("connect-runtime.jar"), Map.of(
                RUNTIME, cls(RUNTIME, "public static String from() { return \"apache\"; }"),
                LIBRARY, cls(LIBRARY, "public static String from() { return \"apache\"; }")));
        Path plugins = tmp.resolve("plugins");
        Files.createDirectories(plugins);
        jar(plugins.resolve("needs-worker/plugin.jar"), Map.of(
                "com.example.NeedsWorker", cls("com.example.NeedsWorker",
                        "public static String runtime() { return " + RUNTIME + ".from(); }"
                                + "public static String library() { return " + LIBRARY + ".from(); }")),
                apache.resolve("connect-runtime.jar"));
        // bundles its own copy of both: the library wins (as in Apache), the runtime class does not
        jar(plugins.resolve("bundles-copies/plugin.jar"), Map.of(
                RUNTIME, cls(RUNTIME, "public static String from() { return \"plugin\"; }"),
                LIBRARY, cls(LIBRARY, "public static String from() { return \"plugin\"; }"),
                "com.example.BundlesCopies", cls("com.example.BundlesCopies",
                        "public static String runtime() { return " + RUNTIME + ".from(); }"
                                + "public static String library() { return " + LIBRARY + ".from(); }")));
        jar(plugins.resolve("self-contained/plugin.jar"), Map.of(
                "com.example.SelfContained", cls("com.example.SelfContained",
                        "public static String hello() { return \"hello\"; }")));
        return apache;
    }

    private static PluginClassLoader loaderOf(Plugins plugins, String dirName) throws Exception {
        return plugins.loaders().stream().filter(l -> l.location().endsWith(dirName)).findFirst().orElseThrow();
    }

    private static Object call(ClassLoader loader, String className, String method) throws Exception {
        return Class.forName(className, true, loader).getMethod(method).invoke(null);
    }

    @Test
    void shouldGiveAPluginApachesWorkerClassesOnlyWhenItAsksAndNeverToRillsOwnClasses() throws Exception {
        Path apache = apacheJars;
        Plugins plugins = Plugins.discover(List.of(tmp.resolve("plugins").toString()), PluginDiscovery.SERVICE_LOAD, apache);
        try {
            assertThat(call(loaderOf(plugins, "self-contained"), "com.example.SelfContained", "hello"))
                    .isEqualTo("hello");
            assertThat(plugins.apacheWorkerClasspath().isLoaded()).as("created before a plugin asked").isFalse();

            assertThat(call(loaderOf(plugins, "needs-worker"), "com.example.NeedsWorker", "runtime"))
                    .isEqualTo("apache");
            assertThat(call(loaderOf(plugins, "needs-worker"), "com.example.NeedsWorker", "library"))
                    .isEqualTo("apache");
            assertThat(plugins.apacheWorkerClasspath().isLoaded()).isTrue();
            Class<?> runtime = Class.forName(RUNTIME, false, loaderOf(plugins, "needs-worker"));
            assertThat(runtime.getClassLoader()).isInstanceOf(ApacheWorkerClasspath.ApacheWorkerClassLoader.class);

            PluginClassLoader bundles = loaderOf(plugins, "bundles-copies");
            assertThat(call(bundles, "com.example.BundlesCopies", "library")).isEqualTo("plugin");
            assertThat(call(bundles, "com.example.BundlesCopies", "runtime")).isEqualTo("apache");
            assertThat(Class.forName(RUNTIME, false, bundles)).isSameAs(runtime); // one worker runtime, shared

            // Rill's own classes (the worker loader) never see Apache's jars
            assertThatThrownBy(() -> Class.forName(RUNTIME, false, Plugins.class.getClassLoader()))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName(LIBRARY, false, Plugins.class.getClassLoader()))
                    .isInstanceOf(ClassNotFoundException.class);
        } finally {
            plugins.close();
        }
    }

    @Test
    void shouldSayWhereApachesWorkerJarsAreExpectedWhenAPluginNeedsThemAndTheyAreMissing() throws Exception {
        Path missing = tmp.resolve("no-such-dir");
        Plugins plugins = Plugins.discover(List.of(tmp.resolve("plugins").toString()), PluginDiscovery.SERVICE_LOAD, missing);
        try {
            assertThatThrownBy(() -> Class.forName(RUNTIME, false, loaderOf(plugins, "needs-worker")))
                    .isInstanceOf(ClassNotFoundException.class)
                    .hasMessageContaining(RUNTIME)
                    .hasMessageContaining("needs-worker")
                    .hasMessageContaining("no jars were found in " + missing)
                    .hasMessageContaining("-D" + ApacheWorkerClasspath.DIR_PROPERTY);
            // without Apache's jars, a plugin that bundles the runtime classes still runs on its own copy
            assertThat(call(loaderOf(plugins, "bundles-copies"), "com.example.BundlesCopies", "runtime"))
                    .isEqualTo("plugin");
        } finally {
            plugins.close();
        }
    }
}
