package dev.rill.cli.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code rill mirror} runs, read from an mm2.properties file by Rill Mirror's own parser: the flows, each with
 * its three connector configurations, and the client settings of every cluster. The parser lives in the Rill
 * Mirror plugin directory (never on the CLI's class path, as for every built-in plugin), so it is called through
 * a class loader over that directory.
 */
public final class MirrorPlan {

    /** One enabled flow {@code source->target} and the configurations of its connectors. */
    public record Flow(String source, String target, List<Map<String, String>> connectors) {
        public String name() {
            return source + "->" + target;
        }

        /** The source connector's name (as MirrorMakerProperties names it). */
        public String sourceConnectorName() {
            return connectors.get(0).get("name");
        }
    }

    private final List<String> clusters;
    private final Map<String, Map<String, String>> clusterSettings;
    private final Map<String, Map<String, String>> workerSettings;
    private final List<Flow> flows;

    private MirrorPlan(List<String> clusters, Map<String, Map<String, String>> clusterSettings,
                       Map<String, Map<String, String>> workerSettings, List<Flow> flows) {
        this.clusters = List.copyOf(clusters);
        this.clusterSettings = Map.copyOf(clusterSettings);
        this.workerSettings = Map.copyOf(workerSettings);
        this.flows = List.copyOf(flows);
    }

    /**
     * Parses {@code mm2Properties} with the parser in {@code pluginDirectory} (the {@code rill-mirror} plugin).
     *
     * @throws MirrorPlanException with the parser's message (every problem of the file) when it is invalid
     */
    public static MirrorPlan load(Path mm2Properties, Path pluginDirectory) {
        ClassLoader loader = loaderOver(pluginDirectory);
        try {
            Class<?> parser = loader.loadClass("dev.rill.mirror.MirrorMakerProperties");
            Object parsed = parser.getMethod("load", Path.class).invoke(null, mm2Properties);
            @SuppressWarnings("unchecked")
            List<String> clusters = (List<String>) parser.getMethod("clusters").invoke(parsed);
            Map<String, Map<String, String>> settings = new LinkedHashMap<>();
            Map<String, Map<String, String>> workers = new LinkedHashMap<>();
            for (String alias : clusters) {
                @SuppressWarnings("unchecked")
                Map<String, String> cluster = (Map<String, String>) parser.getMethod("cluster", String.class)
                        .invoke(parsed, alias);
                settings.put(alias, cluster);
                @SuppressWarnings("unchecked")
                Map<String, String> worker = (Map<String, String>) parser.getMethod("workerSettings", String.class)
                        .invoke(parsed, alias);
                workers.put(alias, worker);
            }
            List<Flow> flows = new ArrayList<>();
            for (Object flow : (List<?>) parser.getMethod("flows").invoke(parsed)) {
                @SuppressWarnings("unchecked")
                List<Map<String, String>> connectors =
                        (List<Map<String, String>>) flow.getClass().getMethod("connectors").invoke(flow);
                flows.add(new Flow((String) flow.getClass().getMethod("source").invoke(flow),
                        (String) flow.getClass().getMethod("target").invoke(flow), connectors));
            }
            return new MirrorPlan(clusters, settings, workers, flows);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new MirrorPlanException("cannot read " + mm2Properties + ": " + io.getMessage(), io);
            }
            throw new MirrorPlanException(String.valueOf(cause.getMessage()), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Rill Mirror plugin in " + pluginDirectory
                    + " does not have the expected MirrorMakerProperties API; rebuild Rill", e);
        }
    }

    private static ClassLoader loaderOver(Path pluginDirectory) {
        try (Stream<Path> files = Files.list(pluginDirectory)) {
            URL[] jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().map(MirrorPlan::url)
                    .toArray(URL[]::new);
            return new URLClassLoader(jars, MirrorPlan.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Rill Mirror plugin directory " + pluginDirectory, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> clusters() {
        return clusters;
    }

    /** The client settings of a cluster ({@code bootstrap.servers} and the other {@code A.*} settings). */
    public Map<String, String> clusterSettings(String alias) {
        return clusterSettings.get(alias);
    }

    /**
     * The Kafka Connect worker settings mm2.properties gives the worker writing into a cluster ({@code group.id},
     * storage topics, {@code exactly.once.source.support}, …; top level, overridden by {@code alias.<key>}).
     */
    public Map<String, String> workerSettings(String alias) {
        return workerSettings.get(alias);
    }

    public List<Flow> flows() {
        return flows;
    }

    /** The target clusters of the flows, in the order of {@code clusters}; one worker runs per target. */
    public List<String> targets() {
        return clusters.stream().filter(c -> flows.stream().anyMatch(f -> f.target().equals(c))).toList();
    }

    /** The flows into one target cluster. */
    public List<Flow> flowsInto(String target) {
        return flows.stream().filter(f -> f.target().equals(target)).toList();
    }

    /** The same plan restricted to the flows into the given target clusters. */
    public MirrorPlan onlyInto(List<String> targets) {
        return new MirrorPlan(clusters, clusterSettings, workerSettings,
                flows.stream().filter(f -> targets.contains(f.target())).toList());
    }

    /** An mm2.properties file that cannot run, with the message saying every problem. */
    public static final class MirrorPlanException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MirrorPlanException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
