package dev.rill.connect.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Worker settings and a small REST client for the tests that run real plugins on Rill Connect. */
final class RealPlugins {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RealPlugins() {
    }

    /** The plugin.path holding the real plugins the build fetched from Maven Central (never on the class path). */
    static String pluginPath() {
        String p = System.getProperty("rill.test.plugins");
        if (p == null || System.getProperty("rill.connect.apache.worker.dir") == null) {
            throw new IllegalStateException("rill.test.plugins and rill.connect.apache.worker.dir are not set; "
                    + "run the tests through Maven (mvn -pl rill-connect-compat -am verify)");
        }
        return p;
    }

    /** Standalone worker settings: the real plugins on plugin.path, bytes in and out, quick offset flushes. */
    static Map<String, String> workerProps(String bootstrap, Path dir) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("plugin.path", pluginPath());
        p.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        p.put("offset.flush.interval.ms", "500");
        p.put("listeners", "http://localhost:0");
        return p;
    }

    /**
     * The settings every A->B mirror connector (MirrorMaker 2's or Rill Mirror's, same keys) needs on these
     * one-broker test clusters: aliases and bootstrap servers, MirrorMaker's documented byte-array converters,
     * replication factor 1 for the remote and internal topics (the defaults, 2 and 3, need more brokers),
     * no ACL sync (the clusters have no authorizer) and one task. Everything else keeps its default.
     */
    static Map<String, String> mirrorConnector(String name, String connectorClass, String sourceBootstrap,
                                               String targetBootstrap) {
        Map<String, String> c = new HashMap<>();
        c.put("name", name);
        c.put("connector.class", connectorClass);
        c.put("source.cluster.alias", "A");
        c.put("target.cluster.alias", "B");
        c.put("source.cluster.bootstrap.servers", sourceBootstrap);
        c.put("target.cluster.bootstrap.servers", targetBootstrap);
        c.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("header.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        c.put("replication.factor", "1");
        c.put("offset-syncs.topic.replication.factor", "1");
        c.put("checkpoints.topic.replication.factor", "1");
        c.put("heartbeats.topic.replication.factor", "1");
        c.put("sync.topic.acls.enabled", "false");
        c.put("tasks.max", "1");
        return c;
    }

    /** A REST answer: status and parsed JSON body (null when empty). */
    record Answer(int status, Object body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return (Map<String, Object>) body;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) body;
        }
    }

    static Answer get(String baseUrl, String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path.substring(1))).GET().build());
    }

    static Answer put(String baseUrl, String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path.substring(1)))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Object body = r.body() == null || r.body().isBlank() ? null
                    : JSON.readValue(r.body(), new TypeReference<Object>() { });
            return new Answer(r.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts through REST that a connector and all its (at least one) tasks are RUNNING; returns the status. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> running(String baseUrl, String connector) {
        Answer a = get(baseUrl, "/connectors/" + connector + "/status");
        if (a.status() != 200) {
            throw new AssertionError(connector + " status: " + a);
        }
        Map<String, Object> connectorState = (Map<String, Object>) a.map().get("connector");
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) a.map().get("tasks");
        if (!"RUNNING".equals(connectorState.get("state")) || tasks.isEmpty()
                || !tasks.stream().allMatch(t -> "RUNNING".equals(t.get("state")))) {
            throw new AssertionError(connector + " is not RUNNING with its tasks: " + a.body());
        }
        return a.map();
    }
}
