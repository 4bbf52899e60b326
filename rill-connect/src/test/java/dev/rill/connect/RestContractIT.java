package dev.rill.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.oracle.ApacheConnectWorker;
import dev.rill.connect.testing.ConnectTesting;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;

/**
 * The REST contract: Apache Kafka Connect 4.3.1 (in a child JVM) and Rill Connect run side by side on the same
 * broker and the same plugin directory (connect-file 4.3.1 from Maven Central), and receive the same sequence of
 * calls covering every endpoint, success and error paths. Status codes must be equal, JSON shapes (keys and value
 * types) must be equal, and values must be equal where they are deterministic. Differences we chose on purpose are
 * listed, each with its reason, in {@link #DELIBERATE}; any other difference fails the test. The figures (calls,
 * identical, deliberate, unexpected) are printed.
 *
 * <p>Per-side values (each worker's directory, its REST address, {@code worker_id}) are normalised before comparing.
 */
class RestContractIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json";

    /**
     * Calls where Rill answers differently from Apache on purpose (label → why). Each must still differ: a listed call
     * that answers identically fails the test, so the list stays true.
     */
    private static final Map<String, String> DELIBERATE = new LinkedHashMap<>();

    static {
        // Apache answers 500 (an internal error) to a request body it cannot read; the fault is the client's, so
        // Rill answers 400 with a message saying what is wrong.
        DELIBERATE.put("create: malformed JSON", "400 instead of Apache's 500");
        DELIBERATE.put("create: empty body", "400 instead of Apache's 500");
        DELIBERATE.put("create: initial_state=BOGUS", "400 instead of Apache's 500");
        DELIBERATE.put("create: config is a string", "400 instead of Apache's 500");
        DELIBERATE.put("validate: unknown plugin", "400 instead of Apache's 500");
        DELIBERATE.put("validate: malformed JSON", "400 instead of Apache's 500");
        DELIBERATE.put("put config: malformed JSON", "400 instead of Apache's 500");
        DELIBERATE.put("offsets: offsets is not a list", "400 instead of Apache's 500");
        DELIBERATE.put("loggers: malformed JSON", "400 instead of Apache's 500");
        // Apache answers 500 (a NullPointerException's message, or "not a recognizable type") when the connector
        // does not exist; Rill answers 404 "Connector nope not found", as Apache does for every other endpoint.
        DELIBERATE.put("restart: unknown", "404 instead of Apache's 500");
        DELIBERATE.put("task restart: unknown connector", "404 instead of Apache's 500");
        DELIBERATE.put("stop: unknown", "404 instead of Apache's 500");
        // Apache answers 200 {"nope":{"topics":[]}} and 202 for a connector that does not exist; Rill answers 404
        // "Connector nope not found", so a typo in a name is not mistaken for a connector without topics.
        DELIBERATE.put("topics: unknown", "404 instead of Apache's 200");
        DELIBERATE.put("topics reset: unknown", "404 instead of Apache's 202");
        // Rill refuses names it could not serve afterwards (see docs/connect.md, REST API)
        DELIBERATE.put("create: name of 2000 characters", "400 instead of Apache's 201");
    }

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private int calls;
    private int identical;
    private int deliberate;
    private final List<String> unexpected = new ArrayList<>();
    private final List<String> stale = new ArrayList<>();

    private Side apache;
    private Side rill;

    /**
     * One worker under test: its REST address, its own directory ({@code <dir>} in bodies) and a token naming it
     * ({@code <side>} in bodies: the sinks' consumer groups, so that the two workers' sinks of the same name do not
     * share a group on the shared broker). Answers are normalised back to the placeholders.
     */
    private record Side(String name, String base, Path dir) {
        String token() {
            return "cside-" + name;
        }

        String fill(String body) {
            return body.replace("<dir>", dir.toString()).replace("<side>", token());
        }

        String normalise(String body) {
            return body == null ? "" : body.replace(dir.toString(), "<dir>").replace(base, "<rest>")
                    .replace(token(), "<side>");
        }
    }

    /** What a call answered on one side. */
    private record Answer(int status, String body, JsonNode json, String location) {
    }

    /** How two answers of the same call are compared. */
    @FunctionalInterface
    private interface Comparison {
        void compare(JsonNode apache, JsonNode rill, List<String> differences);
    }

    @Test
    void rillAnswersEveryCallAsApacheKafkaConnectDoes() throws Exception {
        Path apacheDir = Files.createDirectories(dir.resolve("apache"));
        Path rillDir = Files.createDirectories(dir.resolve("rill"));
        for (Path d : List.of(apacheDir, rillDir)) {
            Files.write(d.resolve("in.txt"), List.of("one", "two", "three"));
        }
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", KAFKA.bootstrapServers());
        props.put("plugin.path", ConnectTesting.testPluginPath());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.flush.interval.ms", "500");

        Map<String, String> apacheProps = new HashMap<>(props);
        apacheProps.put("offset.storage.file.filename", apacheDir.resolve("offsets").toString());
        CompletableFuture<ApacheConnectWorker> apacheStart = CompletableFuture.supplyAsync(() ->
                ApacheConnectWorker.startStandalone(apacheProps, apacheDir, List.of(), Duration.ofSeconds(120)));
        Map<String, String> rillProps = new HashMap<>(props);
        rillProps.put("offset.storage.file.filename", rillDir.resolve("offsets").toString());
        rillProps.put("listeners", "http://localhost:0");
        try (StandaloneWorker rillWorker = StandaloneWorker.start(rillProps, List.of());
             ApacheConnectWorker apacheWorker = apacheStart.join()) {
            apache = new Side("apache", apacheWorker.restUrl().toString(), apacheDir);
            String rillBase = rillWorker.restUrl().endsWith("/")
                    ? rillWorker.restUrl().substring(0, rillWorker.restUrl().length() - 1) : rillWorker.restUrl();
            rill = new Side("rill", rillBase, rillDir);
            try {
                runSequence();
            } catch (RuntimeException | AssertionError e) {
                System.out.println("Apache Kafka Connect's log:\n" + Files.readString(apacheWorker.logFile()));
                throw e;
            }
        }

        System.out.printf("REST contract: %d calls, %d identical, %d deliberate differences, %d unexpected%n",
                calls, identical, deliberate, unexpected.size());
        assertThat(calls).isGreaterThanOrEqualTo(80);
        assertThat(stale).as("calls listed as deliberate differences that now answer as Apache").isEmpty();
        assertThat(unexpected).as("unexpected differences").isEmpty();
    }

    private void runSequence() throws Exception {
        // --- root, health, plugins ---
        call("root", "GET", "/", null, this::exact);
        call("health", "GET", "/health", null, this::exact);
        call("plugins", "GET", "/connector-plugins", null, this::apacheEntriesIncluded);
        call("plugins: connectorsOnly=true", "GET", "/connector-plugins?connectorsOnly=true", null,
                this::apacheEntriesIncluded);
        call("plugins: connectorsOnly=false", "GET", "/connector-plugins?connectorsOnly=false", null,
                this::apacheEntriesIncluded);
        call("plugin config: sink", "GET", "/connector-plugins/FileStreamSinkConnector/config", null,
                this::configDefinitions);
        call("plugin config: alias", "GET", "/connector-plugins/FileStreamSink/config", null, this::configDefinitions);
        call("plugin config: source by class", "GET",
                "/connector-plugins/org.apache.kafka.connect.file.FileStreamSourceConnector/config", null,
                this::configDefinitions);
        call("plugin config: converter", "GET",
                "/connector-plugins/org.apache.kafka.connect.storage.StringConverter/config", null,
                this::configDefinitions);
        call("plugin config: unknown plugin", "GET", "/connector-plugins/no.such.Connector/config", null, this::error);
        call("validate: valid sink", "PUT", "/connector-plugins/FileStreamSinkConnector/config/validate",
                json("connector.class", "FileStreamSinkConnector", "name", "v", "topics", "contract-src",
                        "file", "<dir>/v.txt"), this::validation);
        call("validate: sink without topics", "PUT", "/connector-plugins/FileStreamSinkConnector/config/validate",
                json("connector.class", "FileStreamSinkConnector", "name", "v", "file", "<dir>/v.txt"),
                this::validation);
        call("validate: source with bad tasks.max", "PUT",
                "/connector-plugins/FileStreamSourceConnector/config/validate",
                json("connector.class", "FileStreamSourceConnector", "name", "v", "topic", "t", "tasks.max", "x"),
                this::validation);
        call("validate: transform without type", "PUT",
                "/connector-plugins/FileStreamSourceConnector/config/validate",
                json("connector.class", "FileStreamSourceConnector", "name", "v", "topic", "t", "transforms", "a"),
                this::validation);
        call("validate: class mismatch", "PUT", "/connector-plugins/FileStreamSinkConnector/config/validate",
                json("connector.class", "FileStreamSourceConnector", "name", "v"), this::error);
        call("validate: unknown plugin", "PUT", "/connector-plugins/no.such.Connector/config/validate",
                json("connector.class", "no.such.Connector", "name", "v"), this::error);
        call("validate: malformed JSON", "PUT", "/connector-plugins/FileStreamSinkConnector/config/validate",
                "{\"name\": ", this::error);

        // --- create ---
        call("list: empty", "GET", "/connectors", null, this::exact);
        call("create: sink", "POST", "/connectors", "{\"name\":\"sink-a\",\"config\":" + sinkConfig("sink-a") + "}",
                this::exact);
        call("create: duplicate", "POST", "/connectors", "{\"name\":\"sink-a\",\"config\":" + sinkConfig("sink-a")
                + "}", this::error);
        call("create: source", "POST", "/connectors", "{\"name\":\"source-b\",\"config\":" + sourceConfig("source-b")
                + "}", this::exact);
        call("create: initial_state=PAUSED", "POST", "/connectors", "{\"name\":\"paused-c\",\"config\":"
                + sinkConfig("paused-c") + ",\"initial_state\":\"PAUSED\"}", this::exact);
        call("create: initial_state=STOPPED", "POST", "/connectors", "{\"name\":\"stopped-d\",\"config\":"
                + sinkConfig("stopped-d") + ",\"initial_state\":\"STOPPED\"}", this::exact);
        call("create: initial_state=BOGUS", "POST", "/connectors", "{\"name\":\"bogus\",\"config\":"
                + sinkConfig("bogus") + ",\"initial_state\":\"BOGUS\"}", this::error);
        call("create: malformed JSON", "POST", "/connectors", "{\"name\":\"m\",", this::error);
        call("create: empty body", "POST", "/connectors", "", this::error);
        call("create: text/plain body", "POST", "/connectors", "{\"name\":\"plain-e\",\"config\":"
                + sinkConfig("plain-e") + "}", "text/plain", this::error);
        call("create: text/plain created nothing", "GET", "/connectors/plain-e", null, this::error);
        call("create: without name", "POST", "/connectors", "{\"config\":" + sinkConfig("x") + "}", this::error);
        call("create: unknown class", "POST", "/connectors",
                "{\"name\":\"u\",\"config\":{\"connector.class\":\"no.such.Connector\"}}", this::error);
        call("create: sink without topics", "POST", "/connectors",
                "{\"name\":\"nt\",\"config\":{\"connector.class\":\"FileStreamSink\",\"file\":\"<dir>/nt.txt\"}}",
                this::error);
        call("create: config is a string", "POST", "/connectors", "{\"name\":\"s\",\"config\":\"x\"}", this::error);
        call("create: name differs from config name", "POST", "/connectors",
                "{\"name\":\"n1\",\"config\":{\"name\":\"n2\",\"connector.class\":\"FileStreamSink\","
                        + "\"topics\":\"t\",\"file\":\"<dir>/n.txt\"}}", this::error);
        awaitBoth("sink-a and source-b running", rest -> running(rest, "sink-a", 1) && running(rest, "source-b", 1));

        // --- read ---
        call("list", "GET", "/connectors", null, this::exactUnordered);
        call("list: expand=status", "GET", "/connectors?expand=status", null, this::statusValues);
        call("list: expand=info", "GET", "/connectors?expand=info", null, this::exact);
        call("list: expand=status&expand=info", "GET", "/connectors?expand=status&expand=info", null,
                this::statusValues);
        call("info", "GET", "/connectors/sink-a", null, this::exact);
        call("info: unknown", "GET", "/connectors/nope", null, this::error);
        call("config", "GET", "/connectors/sink-a/config", null, this::exact);
        call("config: unknown", "GET", "/connectors/nope/config", null, this::error);
        call("status", "GET", "/connectors/sink-a/status", null, this::statusValues);
        call("status: paused at create", "GET", "/connectors/paused-c/status", null, this::statusValues);
        call("status: unknown", "GET", "/connectors/nope/status", null, this::error);
        call("tasks", "GET", "/connectors/sink-a/tasks", null, this::exact);
        call("tasks: unknown", "GET", "/connectors/nope/tasks", null, this::error);
        call("task status", "GET", "/connectors/sink-a/tasks/0/status", null, this::statusValues);
        call("task status: unknown task", "GET", "/connectors/sink-a/tasks/7/status", null, this::error);
        call("task status: unknown connector", "GET", "/connectors/nope/tasks/0/status", null, this::error);

        // --- change config ---
        call("put config: update", "PUT", "/connectors/sink-a/config", sinkConfig("sink-a")
                .replace("}", ",\"tasks.max\":\"1\"}"), this::exact);
        call("put config: create", "PUT", "/connectors/new-f/config", sinkConfig("new-f"), this::exact);
        call("put config: no connector.class", "PUT", "/connectors/sink-a/config", "{\"topics\":\"t\"}",
                this::error);
        call("put config: name differs from path", "PUT", "/connectors/sink-a/config",
                sinkConfig("sink-a").replace("}", ",\"name\":\"other\"}"), this::error);
        call("put config: malformed JSON", "PUT", "/connectors/sink-a/config", "{\"topics\":", this::error);
        call("patch config", "PATCH", "/connectors/sink-a/config", "{\"errors.log.enable\":\"true\"}",
                this::exact);
        call("patch config: null removes", "PATCH", "/connectors/sink-a/config", "{\"errors.log.enable\":null}",
                this::exact);
        call("patch config: unknown", "PATCH", "/connectors/nope/config", "{\"a\":\"b\"}", this::error);
        awaitBoth("sink-a running after reconfiguration", rest -> running(rest, "sink-a", 1));

        // --- restart ---
        call("restart", "POST", "/connectors/sink-a/restart", null, this::exact);
        awaitBoth("sink-a running after restart", rest -> running(rest, "sink-a", 1));
        call("restart: includeTasks", "POST", "/connectors/sink-a/restart?includeTasks=true", null, this::shape);
        awaitBoth("sink-a running after restart with tasks", rest -> running(rest, "sink-a", 1));
        call("restart: includeTasks&onlyFailed", "POST",
                "/connectors/sink-a/restart?includeTasks=true&onlyFailed=true", null, this::statusValues);
        call("restart: onlyFailed", "POST", "/connectors/sink-a/restart?onlyFailed=true", null, this::statusValues);
        call("restart: unknown", "POST", "/connectors/nope/restart", null, this::error);
        awaitBoth("sink-a running before task restart", rest -> running(rest, "sink-a", 1));
        call("task restart", "POST", "/connectors/sink-a/tasks/0/restart", null, this::exact);
        call("task restart: unknown connector", "POST", "/connectors/nope/tasks/0/restart", null, this::error);
        awaitBoth("sink-a running after task restart", rest -> running(rest, "sink-a", 1));

        // --- pause, resume, stop ---
        call("pause", "PUT", "/connectors/sink-a/pause", null, this::exact);
        awaitBoth("sink-a paused", rest -> state(rest, "sink-a").equals("PAUSED"));
        call("status: paused", "GET", "/connectors/sink-a/status", null, this::statusValues);
        call("resume", "PUT", "/connectors/sink-a/resume", null, this::exact);
        call("pause: unknown", "PUT", "/connectors/nope/pause", null, this::error);
        call("resume: unknown", "PUT", "/connectors/nope/resume", null, this::error);
        call("stop: unknown", "PUT", "/connectors/nope/stop", null, this::error);
        awaitBoth("sink-a resumed", rest -> running(rest, "sink-a", 1));

        // --- topics ---
        awaitBoth("source-b's topic recorded", rest -> get(rest, "/connectors/source-b/topics").body()
                .contains("contract-src"));
        awaitBoth("sink-a's topic recorded", rest -> get(rest, "/connectors/sink-a/topics").body()
                .contains("contract-src"));
        call("topics: source", "GET", "/connectors/source-b/topics", null, this::exact);
        call("topics: sink", "GET", "/connectors/sink-a/topics", null, this::exact);
        call("topics: reset", "PUT", "/connectors/sink-a/topics/reset", null, this::exact);
        call("topics: after reset", "GET", "/connectors/sink-a/topics", null, this::exact);
        call("topics: unknown", "GET", "/connectors/nope/topics", null, this::error);
        call("topics reset: unknown", "PUT", "/connectors/nope/topics/reset", null, this::error);

        // --- offsets ---
        awaitBoth("source-b's offsets flushed", rest -> get(rest, "/connectors/source-b/offsets").body()
                .contains("\"position\""));
        call("offsets: source", "GET", "/connectors/source-b/offsets", null, this::exact);
        call("offsets: sink", "GET", "/connectors/sink-a/offsets", null, this::shape);
        call("offsets: alter while running", "PATCH", "/connectors/source-b/offsets", sourceOffset(1), this::error);
        call("offsets: reset while running", "DELETE", "/connectors/source-b/offsets", null, this::error);
        call("offsets: unknown", "GET", "/connectors/nope/offsets", null, this::error);
        call("stop", "PUT", "/connectors/source-b/stop", null, this::exact);
        awaitBoth("source-b stopped", rest -> state(rest, "source-b").equals("STOPPED"));
        call("status: stopped", "GET", "/connectors/source-b/status", null, this::statusValues);
        call("offsets: alter", "PATCH", "/connectors/source-b/offsets", sourceOffset(4), this::shape);
        call("offsets: after alter", "GET", "/connectors/source-b/offsets", null, this::exact);
        call("offsets: offsets is not a list", "PATCH", "/connectors/source-b/offsets", "{\"offsets\":\"x\"}",
                this::error);
        call("offsets: reset", "DELETE", "/connectors/source-b/offsets", null, this::shape);
        call("offsets: after reset", "GET", "/connectors/source-b/offsets", null, this::exact);
        call("resume after stop", "PUT", "/connectors/source-b/resume", null, this::exact);
        awaitBoth("source-b running again", rest -> running(rest, "source-b", 1));

        // --- delete ---
        // Apache records a FAILED task 5 for this call: asked of a connector that is deleted right after
        call("task restart: unknown task", "POST", "/connectors/new-f/tasks/5/restart", null, this::error);
        call("delete", "DELETE", "/connectors/new-f", null, this::exact);
        call("delete: again", "DELETE", "/connectors/new-f", null, this::error);
        call("list: after delete", "GET", "/connectors", null, this::exactUnordered);

        // --- loggers ---
        call("loggers", "GET", "/admin/loggers", null, this::loggers);
        call("logger: root", "GET", "/admin/loggers/root", null, this::shape);
        call("logger: set", "PUT", "/admin/loggers/org.apache.kafka.connect.file", "{\"level\":\"DEBUG\"}",
                includesName("org.apache.kafka.connect.file"));
        call("logger: after set", "GET", "/admin/loggers/org.apache.kafka.connect.file", null, this::loggerLevel);
        call("logger: set scope=worker", "PUT", "/admin/loggers/org.apache.kafka.connect.file?scope=worker",
                "{\"level\":\"INFO\"}", includesName("org.apache.kafka.connect.file"));
        call("logger: set scope=cluster", "PUT", "/admin/loggers/org.apache.kafka.connect.file?scope=cluster",
                "{\"level\":\"INFO\"}", this::exact);
        call("logger: new namespace", "PUT", "/admin/loggers/dev.contract.fresh", "{\"level\":\"WARN\"}",
                this::exact);
        call("logger: unknown", "GET", "/admin/loggers/dev.contract.never.seen", null, this::error);
        call("logger: bad level", "PUT", "/admin/loggers/org.apache.kafka.connect.file", "{\"level\":\"LOUD\"}",
                this::error);
        call("logger: no level", "PUT", "/admin/loggers/org.apache.kafka.connect.file", "{}", this::error);
        call("loggers: malformed JSON", "PUT", "/admin/loggers/org.apache.kafka.connect.file", "{\"level\":",
                this::error);
        call("loggers: after changes", "GET", "/admin/loggers", null, this::loggers);

        // --- size: a 1 MB config is accepted by both ---
        call("create: 1 MB config", "POST", "/connectors", "{\"name\":\"big-g\",\"initial_state\":\"STOPPED\","
                + "\"config\":" + sinkConfig("big-g").replace("}", ",\"padding\":\"" + "p".repeat(1024 * 1024)
                + "\"}") + "}", this::exact);
        call("delete: 1 MB config", "DELETE", "/connectors/big-g", null, this::exact);

        // --- paths and methods ---
        call("unknown path", "GET", "/no/such/path", null, this::error);
        call("method not allowed", "DELETE", "/connector-plugins", null, this::error);

        // --- clean up ---
        for (String name : List.of("sink-a", "source-b", "paused-c", "stopped-d")) {
            call("delete " + name, "DELETE", "/connectors/" + name, null, this::exact);
        }
        call("list: empty at end", "GET", "/connectors", null, this::exact);

        // --- names Rill refuses at create (last: Apache keeps the long one it creates here) ---
        call("create: name with a newline", "POST", "/connectors", "{\"name\":\"two\\nlines\",\"initial_state\":"
                + "\"STOPPED\",\"config\":" + sinkConfig("nl") + "}", this::error);
        call("create: name of 2000 characters", "POST", "/connectors", "{\"name\":\"" + "n".repeat(2000)
                + "\",\"initial_state\":\"STOPPED\",\"config\":" + sinkConfig("long") + "}", this::error);
    }

    // ---------------------------------------------------------------- calls

    private void call(String label, String method, String path, String body, Comparison comparison)
            throws Exception {
        call(label, method, path, body, JSON, comparison);
    }

    private void call(String label, String method, String path, String body, String contentType,
                      Comparison comparison) throws Exception {
        calls++;
        Answer a = send(apache, method, path, body, contentType);
        Answer r = send(rill, method, path, body, contentType);
        dump(label, a, r);
        List<String> differences = new ArrayList<>();
        if (a.status() != r.status()) {
            differences.add("status " + a.status() + " (Apache) vs " + r.status() + " (Rill)");
        } else if ((a.location() == null) != (r.location() == null)
                || (a.location() != null && !a.location().equals(r.location()))) {
            differences.add("Location " + a.location() + " (Apache) vs " + r.location() + " (Rill)");
        } else {
            comparison.compare(a.json(), r.json(), differences);
        }
        String reason = DELIBERATE.get(label);
        if (differences.isEmpty()) {
            identical++;
            print("  same      " + label);
            if (reason != null) {
                stale.add(label + " (listed as: " + reason + ")");
            }
        } else if (reason != null) {
            deliberate++;
            print("  DELIBERATE " + label + ": " + reason);
        } else {
            String text = label + " [" + method + " " + path + "]: " + String.join("; ", differences)
                    + "\n      Apache: " + abbreviate(a.status() + " " + a.body())
                    + "\n      Rill:   " + abbreviate(r.status() + " " + r.body());
            unexpected.add(text);
            print("  DIFFERENT " + text);
        }
    }

    /** Both answers in full, for reading a difference: target/rest-contract/NNN-label.{apache,rill}.json. */
    private void dump(String label, Answer a, Answer r) throws IOException {
        Path out = Files.createDirectories(Path.of("target", "rest-contract"));
        String file = String.format("%03d-%s", calls, label.replaceAll("[^A-Za-z0-9]+", "_"));
        Files.writeString(out.resolve(file + ".apache.json"), a.status() + "\n" + a.body());
        Files.writeString(out.resolve(file + ".rill.json"), r.status() + "\n" + r.body());
    }

    private static void print(String line) {
        System.out.println(line);
    }

    private Answer send(Side side, String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(side.base() + path))
                .header("Accept", JSON)
                .timeout(Duration.ofSeconds(60));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(side.fill(body)));
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String text = side.normalise(response.body());
        JsonNode json;
        try {
            json = text.isBlank() ? MissingNode.getInstance() : MAPPER.readTree(text);
        } catch (IOException notJson) {
            json = MAPPER.getNodeFactory().textNode("<not JSON> " + text);
        }
        String location = response.headers().firstValue("Location").map(side::normalise).orElse(null);
        return new Answer(response.statusCode(), text, json, location);
    }

    private Answer get(Side side, String path) {
        try {
            return send(side, "GET", path, null, JSON);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitBoth(String what, Predicate<Side> condition) {
        for (Side side : List.of(apache, rill)) {
            await(what + " on " + side.name()).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .conditionEvaluationListener(c -> {
                        if (!c.isSatisfied() && c.getRemainingTimeInMS() < 200) {
                            print("  waiting for " + what + " on " + side.name() + ": status "
                                    + get(side, "/connectors?expand=status").body());
                        }
                    })
                    .until(() -> condition.test(side));
        }
    }

    private String state(Side side, String connector) {
        JsonNode status = get(side, "/connectors/" + connector + "/status").json();
        return status.path("connector").path("state").asText("");
    }

    private boolean running(Side side, String connector, int tasks) {
        JsonNode status = get(side, "/connectors/" + connector + "/status").json();
        if (!"RUNNING".equals(status.path("connector").path("state").asText())
                || status.path("tasks").size() != tasks) {
            return false;
        }
        for (JsonNode t : status.path("tasks")) {
            if (!"RUNNING".equals(t.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static String sinkConfig(String name) {
        return "{\"connector.class\":\"FileStreamSink\",\"topics\":\"contract-src\",\"file\":\"<dir>/" + name
                + ".txt\",\"consumer.override.group.id\":\"<side>-" + name + "\"}";
    }

    private static String sourceConfig(String name) {
        return "{\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSourceConnector\","
                + "\"topic\":\"contract-src\",\"file\":\"<dir>/in.txt\"}";
    }

    private static String sourceOffset(int position) {
        return "{\"offsets\":[{\"partition\":{\"filename\":\"<dir>/in.txt\"},\"offset\":{\"position\":" + position
                + "}}]}";
    }

    private static String json(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        try {
            return MAPPER.writeValueAsString(m);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    // ---------------------------------------------------------------- comparisons

    /** Equal JSON after normalisation. */
    private void exact(JsonNode a, JsonNode r, List<String> differences) {
        if (!a.equals(r)) {
            differences.add("values differ");
        }
    }

    /** Equal JSON with arrays compared as sets. */
    private void exactUnordered(JsonNode a, JsonNode r, List<String> differences) {
        if (!sortedArrays(a).equals(sortedArrays(r))) {
            differences.add("values differ (ignoring order)");
        }
    }

    /** The same keys and value types everywhere (an array's element shapes compared as a set). */
    private void shape(JsonNode a, JsonNode r, List<String> differences) {
        String sa = shapeOf(a);
        String sr = shapeOf(r);
        if (!sa.equals(sr)) {
            differences.add("shape " + sa + " (Apache) vs " + sr + " (Rill)");
        }
    }

    /** An error: the same status (checked before) and an {@code {error_code, message}} body on both sides. */
    private void error(JsonNode a, JsonNode r, List<String> differences) {
        shape(a, r, differences);
        if (!a.path("error_code").equals(r.path("error_code"))) {
            differences.add("error_code " + a.path("error_code") + " vs " + r.path("error_code"));
        }
    }

    /** Status answers: the shape, plus names, types and states (worker ids and traces differ per worker). */
    private void statusValues(JsonNode a, JsonNode r, List<String> differences) {
        shape(a, r, differences);
        if (differences.isEmpty() && !statesOf(a).equals(statesOf(r))) {
            differences.add("states " + statesOf(a) + " vs " + statesOf(r));
        }
    }

    private static String statesOf(JsonNode node) {
        StringBuilder out = new StringBuilder();
        collect(node, "", out);
        return out.toString();
    }

    private static void collect(JsonNode node, String path, StringBuilder out) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            sorted.forEach((k, v) -> {
                if (Set.of("state", "name", "type", "version").contains(k) && v.isValueNode()) {
                    out.append(path).append('.').append(k).append('=').append(v.asText()).append(' ');
                } else {
                    collect(v, path + "." + k, out);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** Every plugin Apache lists is listed by Rill with the same shape (Rill may list its own besides). */
    private void apacheEntriesIncluded(JsonNode a, JsonNode r, List<String> differences) {
        shape(a, r, differences);
        Set<JsonNode> rillEntries = new java.util.HashSet<>();
        r.forEach(rillEntries::add);
        for (JsonNode entry : a) {
            if (!rillEntries.contains(entry)) {
                differences.add("missing " + entry);
            }
        }
    }

    /**
     * Config definitions ({@code GET /connector-plugins/{p}/config}): the same key names, and per key the same type,
     * group, required flag, default and importance, and the same fields. Documentation is Rill's own prose.
     */
    private void configDefinitions(JsonNode a, JsonNode r, List<String> differences) {
        shape(a, r, differences);
        compareDefinitions(byName(a, null), byName(r, null), differences);
    }

    private static void compareDefinitions(Map<String, JsonNode> a, Map<String, JsonNode> r,
                                           List<String> differences) {
        if (!a.keySet().equals(r.keySet())) {
            Set<String> missing = new TreeSet<>(a.keySet());
            missing.removeAll(r.keySet());
            Set<String> extra = new TreeSet<>(r.keySet());
            extra.removeAll(a.keySet());
            differences.add("keys missing in Rill " + missing + ", only in Rill " + extra);
        }
        for (Map.Entry<String, JsonNode> e : a.entrySet()) {
            JsonNode rd = r.get(e.getKey());
            if (rd == null) {
                continue;
            }
            for (String field : List.of("type", "group", "required", "default_value", "importance")) {
                if (!e.getValue().path(field).equals(rd.path(field))) {
                    differences.add(e.getKey() + "." + field + " " + e.getValue().path(field) + " vs "
                            + rd.path(field));
                }
            }
        }
    }

    private static Map<String, JsonNode> byName(JsonNode list, String inner) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode n : list) {
            JsonNode def = inner == null ? n : n.path(inner);
            out.put(def.path("name").asText(), def);
        }
        return out;
    }

    /**
     * Validation answers: the same name, error count and groups (in order), the same keys with the same definitions,
     * and per key whether it has errors and the same value.
     */
    private void validation(JsonNode a, JsonNode r, List<String> differences) {
        shape(a, r, differences);
        for (String field : List.of("name", "error_count", "groups")) {
            if (!a.path(field).equals(r.path(field))) {
                differences.add(field + " " + a.path(field) + " vs " + r.path(field));
            }
        }
        compareDefinitions(byName(a.path("configs"), "definition"), byName(r.path("configs"), "definition"),
                differences);
        Map<String, JsonNode> av = byName(a.path("configs"), "value");
        Map<String, JsonNode> rv = byName(r.path("configs"), "value");
        av.forEach((key, value) -> {
            JsonNode other = rv.get(key);
            if (other == null) {
                return;
            }
            if (value.path("errors").isEmpty() != other.path("errors").isEmpty()) {
                differences.add(key + " errors " + value.path("errors") + " vs " + other.path("errors"));
            }
            if (!value.path("value").equals(other.path("value"))) {
                differences.add(key + " value " + value.path("value") + " vs " + other.path("value"));
            }
        });
    }

    /**
     * Logger lists: each entry {level, last_modified}; the connect-file loggers Apache lists are listed by Rill too,
     * and the namespaces set through the API have the same level. (Other loggers differ by JVM: each worker lists
     * the loggers its own process created, and the test JVM's log configuration is not Apache's.)
     */
    private void loggers(JsonNode a, JsonNode r, List<String> differences) {
        shape(a.path("root"), r.path("root"), differences);
        Set<String> apacheShapes = new TreeSet<>();
        a.forEach(n -> apacheShapes.add(shapeOf(n)));
        Set<String> rillShapes = new TreeSet<>();
        r.forEach(n -> rillShapes.add(shapeOf(n)));
        if (!apacheShapes.equals(rillShapes)) {
            differences.add("entry shapes " + apacheShapes + " vs " + rillShapes);
        }
        for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith("org.apache.kafka.connect.file") && !r.has(name)) {
                differences.add(name + " not listed by Rill");
            }
            if (name.equals("org.apache.kafka.connect.file") || name.startsWith("dev.contract")) {
                if (!a.path(name).path("level").equals(r.path(name).path("level"))) {
                    differences.add(name + " level " + a.path(name).path("level") + " vs "
                            + r.path(name).path("level"));
                }
            }
        }
    }

    /** One logger: the shape and the level. */
    private void loggerLevel(JsonNode a, JsonNode r, List<String> differences) {
        shape(a, r, differences);
        if (!a.path("level").equals(r.path("level"))) {
            differences.add("level " + a.path("level") + " vs " + r.path("level"));
        }
    }

    /** A list of logger names that on both sides includes {@code name}. */
    private Comparison includesName(String name) {
        return (a, r, differences) -> {
            shape(a, r, differences);
            boolean inA = false;
            boolean inR = false;
            for (JsonNode n : a) {
                inA |= n.asText().equals(name);
            }
            for (JsonNode n : r) {
                inR |= n.asText().equals(name);
            }
            if (inA != inR) {
                differences.add(name + " listed by Apache " + inA + ", by Rill " + inR);
            }
        };
    }

    private static String shapeOf(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, String> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), shapeOf(e.getValue())));
            // a map keyed by data (connector or logger names) has data keys; its values' shapes still count
            return fields.toString();
        }
        if (node.isArray()) {
            TreeSet<String> elements = new TreeSet<>();
            node.forEach(n -> elements.add(shapeOf(n)));
            return elements.toString();
        }
        if (node.isMissingNode()) {
            return "(no body)";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "string";
    }

    private static JsonNode sortedArrays(JsonNode node) {
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(n -> elements.add(sortedArrays(n)));
            elements.sort((x, y) -> x.toString().compareTo(y.toString()));
            return MAPPER.valueToTree(elements);
        }
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), sortedArrays(e.getValue())));
            return MAPPER.valueToTree(fields);
        }
        return node;
    }
}
