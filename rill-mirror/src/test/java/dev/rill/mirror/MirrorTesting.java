package dev.rill.mirror;

import static dev.rill.connect.plugintest.WorkerTesting.workerProps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.connect.ConnectWorker;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * End-to-end test support: parses an mm2.properties text with the plugin's own {@code MirrorMakerProperties}
 * (loaded from the packaged plugin directory, as the end-to-end tests run without the module's classes) and starts
 * one Rill standalone worker per target cluster with the flows into it, as MirrorMaker 2 runs one herder per target.
 */
final class MirrorTesting {
    private MirrorTesting() {
    }

    /** One enabled flow of an mm2.properties file and its three connector configurations. */
    record Flow(String source, String target, List<Map<String, String>> connectors) {
    }

    static List<Flow> flows(String mm2Properties) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(mm2Properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> props = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> props.put(k, properties.getProperty(k)));
        try {
            Class<?> parser = pluginLoader().loadClass("dev.rill.mirror.MirrorMakerProperties");
            Object parsed = parser.getMethod("parse", String.class, Map.class).invoke(null, "mm2.properties", props);
            List<Flow> flows = new ArrayList<>();
            for (Object flow : (List<?>) parser.getMethod("flows").invoke(parsed)) {
                @SuppressWarnings("unchecked")
                List<Map<String, String>> connectors =
                        (List<Map<String, String>>) flow.getClass().getMethod("connectors").invoke(flow);
                flows.add(new Flow((String) flow.getClass().getMethod("source").invoke(flow),
                        (String) flow.getClass().getMethod("target").invoke(flow), connectors));
            }
            return flows;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClassLoader pluginLoader() {
        String pluginPath = System.getProperty("rill.plugin.path");
        if (pluginPath == null) {
            throw new IllegalStateException("rill.plugin.path is not set; run the end-to-end tests through Maven");
        }
        try (Stream<Path> jars = Files.list(Path.of(pluginPath, "rill-mirror"))) {
            URL[] urls = jars.filter(p -> p.toString().endsWith(".jar")).map(p -> {
                try {
                    return p.toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(URL[]::new);
            return new URLClassLoader(urls, MirrorTesting.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A standalone worker on the target cluster running every flow into {@code target}. */
    static ConnectWorker startWorker(List<Flow> flows, String target, String targetBootstrap, Path dir)
            throws IOException {
        List<Map<String, String>> connectors = new ArrayList<>();
        flows.stream().filter(f -> f.target().equals(target)).forEach(f -> connectors.addAll(f.connectors()));
        Path workerDir = Files.createDirectories(dir.resolve("worker-" + target));
        return ConnectWorker.builder().workerProperties(workerProps(targetBootstrap, workerDir))
                .connectors(connectors).start();
    }

    /** A connector's state and its tasks' states, from the worker's REST API ({@code GET /connectors/x/status}). */
    record Status(String state, List<String> taskStates) {
        boolean allRunning(int tasks) {
            return state.equals("RUNNING") && taskStates.size() == tasks
                    && taskStates.stream().allMatch("RUNNING"::equals);
        }
    }

    static Status status(ConnectWorker worker, String connector) {
        return status(URI.create(worker.restUrl()), connector);
    }

    /** As above, from any Connect worker's REST API (Apache's too). */
    static Status status(URI restUrl, String connector) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    restUrl.resolve("/connectors/" + connector + "/status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Status("HTTP " + response.statusCode(), List.of());
            }
            JsonNode body = new ObjectMapper().readTree(response.body());
            List<String> tasks = new ArrayList<>();
            body.path("tasks").forEach(t -> tasks.add(t.path("state").asText()));
            return new Status(body.path("connector").path("state").asText(), tasks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Set<String> topics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.listTopics().names().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
