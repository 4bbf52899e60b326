package dev.rill.cli.connectors;

import dev.rill.cli.rest.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rill.connect.ConnectWorker;
import dev.rill.connect.oracle.ApacheConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static dev.rill.cli.connectors.StatusView.list;
import static dev.rill.cli.connectors.StatusView.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives every {@code rill connectors} command in-process against two workers side by side on one embedded broker:
 * Rill Connect's standalone worker and Apache Kafka Connect 4.3.1's (in a child JVM), both with Apache's
 * connect-file 4.3.1 on plugin.path. Each scenario runs on both; the outputs, with each worker's own address
 * replaced by {@code WORKER}, must be equal, and must say what the scenario expects.
 *
 * <p>Connectors get the same names and configs on both workers; they share the broker, so source connectors of
 * both write into the same topic (harmless here), and sinks only ever fail before joining their group.
 */
class ConnectorsCommandIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();

    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dir;

    static ConnectWorker rill;
    static ApacheConnectWorker apache;
    static List<Worker> workers;

    /** One side: its REST URL and its own address, which differs between the two and is masked. */
    record Worker(String label, String url, String address) {
        CliRun run(String... args) {
            CliRun run = CliRun.connectors(url, args);
            return new CliRun(run.exitCode(), mask(run.out()), mask(run.err()));
        }

        private String mask(String text) {
            return text.replace(url, "URL").replace(address, "WORKER");
        }
    }

    @BeforeAll
    static void startBothWorkers() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", KAFKA.bootstrapServers());
        props.put("plugin.path", pluginPath());
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.flush.interval.ms", "200");
        CompletableFuture<ApacheConnectWorker> apacheStarting = CompletableFuture.supplyAsync(() ->
                ApacheConnectWorker.startStandalone(props, dir.resolve("apache"), List.of(), Duration.ofSeconds(180)));
        Map<String, String> rillProps = new HashMap<>(props);
        rillProps.put("listeners", "http://localhost:0");
        rillProps.put("offset.storage.file.filename", dir.resolve("rill.offsets").toString());
        rill = ConnectWorker.builder().workerProperties(rillProps).connectors(List.of()).start();
        apache = apacheStarting.get();
        workers = List.of(worker("rill", rill.restUrl()), worker("apache", apache.restUrl().toString()));
    }

    private static Worker worker(String label, String restUrl) {
        String url = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
        URI uri = URI.create(url);
        return new Worker(label, url, uri.getHost() + ":" + uri.getPort());
    }

    private static String pluginPath() {
        String path = System.getProperty("rill.test.plugins");
        if (path == null) {
            throw new IllegalStateException("rill.test.plugins is not set; run this test through Maven (failsafe)");
        }
        return path;
    }

    @AfterAll
    static void stopWorkers() {
        if (apache != null) {
            apache.close();
        }
        if (rill != null) {
            rill.close();
        }
    }

    /**
     * Runs {@code args} on both workers; asserts that they printed the same, apart from the known differences
     * that {@link #comparable} removes; returns Rill's run.
     */
    private static CliRun onBoth(String... args) {
        CliRun onRill = workers.get(0).run(args);
        CliRun onApache = workers.get(1).run(args);
        assertThat(comparable(onRill)).as("rill connectors " + String.join(" ", args) + " on Rill vs Apache")
                .isEqualTo(comparable(onApache));
        return onRill;
    }

    /**
     * The run without what Rill Connect's REST API is known to answer differently from Apache's, which is not the
     * client's to hide: Apache 4.3.1 adds the plugin's {@code version} to each connector and task status, and
     * words some error messages differently (the status code must still match; the tests assert the message
     * where it matters).
     */
    private static CliRun comparable(CliRun run) {
        String out = run.out();
        if (out.startsWith("{") || out.startsWith("[")) {
            out = Json.pretty(withoutStatusVersions(parse(out))) + "\n";
        }
        String err = run.err().replaceAll("(refused \\S+ \\S+ with \\d+): .*", "$1: (message)");
        return new CliRun(run.exitCode(), out, err);
    }

    private static Object withoutStatusVersions(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            boolean status = map.containsKey("state") && map.containsKey("worker_id");
            map.forEach((key, value) -> {
                if (!(status && "version".equals(key))) {
                    copy.put(key, withoutStatusVersions(value));
                }
            });
            return copy;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(ConnectorsCommandIT::withoutStatusVersions).toList();
        }
        return json;
    }

    /** Waits on both workers until the connector's status JSON satisfies {@code condition}. */
    private static void awaitOnBoth(String name, Function<Map<String, Object>, Boolean> condition) {
        for (Worker worker : workers) {
            await().atMost(STATE_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .alias(name + " on " + worker.label())
                    .until(() -> {
                        CliRun run = worker.run("status", name, "-o", "json");
                        return run.exitCode() == 0 && condition.apply(object(Json.parse(run.out())));
                    });
        }
    }

    private static Function<Map<String, Object>, Boolean> all(String state, int tasks) {
        return status -> state.equals(object(status.get("connector")).get("state"))
                && list(status.get("tasks")).size() == tasks
                && list(status.get("tasks")).stream().allMatch(t -> state.equals(object(t).get("state")));
    }

    private static String newName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    /** A file source reading {@code lines} from its own file into its own topic. */
    private static Path fileSource(String name, String... lines) throws IOException {
        Path input = Files.write(dir.resolve(name + ".txt"), List.of(lines));
        return Files.writeString(dir.resolve(name + ".properties"), String.join("\n",
                "name=" + name,
                "connector.class=org.apache.kafka.connect.file.FileStreamSourceConnector",
                "tasks.max=1",
                "file=" + input,
                "topic=" + name + "-topic",
                ""));
    }

    private static Object parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void pluginsListsConnectFileOnBoth() {
        CliRun plugins = onBoth("plugins");

        assertThat(plugins.exitCode()).isZero();
        assertThat(plugins.out()).containsPattern("sink\\s+org.apache.kafka.connect.file.FileStreamSinkConnector\\s+4.3.1")
                .containsPattern("source\\s+org.apache.kafka.connect.file.FileStreamSourceConnector\\s+4.3.1");
        List<Object> json = list(parse(onBoth("plugins", "-o", "json").out()));
        assertThat(json).contains(Map.of("class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "type", "sink", "version", "4.3.1"));
        for (Worker worker : workers) {
            assertThat(worker.run("plugins", "--all").out()).as(worker.label())
                    .contains("converter", "org.apache.kafka.connect.json.JsonConverter", "transformation");
        }
    }

    @Test
    void applyCreatesThenLeavesTheSameConfigUnchangedThenUpdatesWhatDiffers() throws IOException {
        String name = newName("apply");
        Path file = fileSource(name, "a", "b");

        CliRun created = onBoth("apply", "-f", file.toString());
        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).isEqualTo("connector " + name + " created\n");
        awaitOnBoth(name, all("RUNNING", 1));

        CliRun again = onBoth("apply", "-f", file.toString());
        assertThat(again.out()).isEqualTo("connector " + name + " unchanged\n");

        Path json = Files.writeString(dir.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"config\": "
                + Json.compact(Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "tasks.max", "1", "file", dir.resolve(name + ".txt").toString(), "topic", name + "-other")) + "}");
        CliRun dryRun = onBoth("apply", "-f", json.toString(), "--dry-run");
        assertThat(dryRun.out()).isEqualTo("connector " + name + " would be updated (topic)\n");
        assertThat(onBoth("describe", name, "-o", "json").out()).contains("\"topic\" : \"" + name + "-topic\"");

        CliRun updated = onBoth("apply", "-f", json.toString(), "-o", "json");
        assertThat(parse(updated.out())).isEqualTo(List.of(Map.of("name", name, "result", "updated",
                "changed_keys", List.of("topic"), "dry_run", false)));
        assertThat(onBoth("apply", "-f", json.toString()).out()).isEqualTo("connector " + name + " unchanged\n");
        assertThat(onBoth("describe", name, "-o", "json").out()).contains("\"topic\" : \"" + name + "-other\"");
        awaitOnBoth(name, all("RUNNING", 1));

        assertThat(onBoth("delete", name).out()).isEqualTo("connector " + name + " deleted\n");
    }

    @Test
    void listDescribeAndStatusShowTheSameOnBoth() throws IOException {
        String name = newName("show");
        onBoth("apply", "-f", fileSource(name, "one", "two", "three").toString());
        awaitOnBoth(name, all("RUNNING", 1));
        for (Worker worker : workers) { // the topic is tracked once the source has written to it
            await().atMost(STATE_TIMEOUT).alias("topics of " + name + " on " + worker.label())
                    .until(() -> worker.run("describe", name).out().contains("Topics:  " + name + "-topic"));
        }

        CliRun list = onBoth("list");
        assertThat(list.out()).containsPattern("NAME\\s+TYPE\\s+STATE\\s+TASKS\\s+CLASS")
                .containsPattern(name + "\\s+source\\s+RUNNING\\s+1/1\\s+org.apache.kafka.connect.file."
                        + "FileStreamSourceConnector");
        Map<String, Object> listed = object(object(parse(onBoth("list", "-o", "json").out())).get(name));
        assertThat(object(object(listed.get("info")).get("config"))).containsEntry("topic", name + "-topic");

        CliRun describe = onBoth("describe", name);
        assertThat(describe.out()).contains("Name:    " + name, "Type:    source",
                "Class:   org.apache.kafka.connect.file.FileStreamSourceConnector", "State:   RUNNING on WORKER",
                "Topics:  " + name + "-topic", "  topic = " + name + "-topic", "  tasks.max = 1")
                .containsPattern("0\\s+RUNNING\\s+WORKER");

        CliRun status = onBoth("status", name);
        assertThat(status.out()).containsPattern(name + "\\s+connector\\s+RUNNING\\s+WORKER")
                .containsPattern(name + "\\s+task 0\\s+RUNNING\\s+WORKER");
        assertThat(object(parse(onBoth("status", name, "-o", "json").out()))).containsEntry("type", "source");
        assertThat(onBoth("status").out()).contains(name);

        onBoth("delete", name);
    }

    @Test
    void pauseResumeAndStopChangeTheStateOnBoth() throws IOException {
        String name = newName("states");
        onBoth("apply", "-f", fileSource(name, "x").toString());
        awaitOnBoth(name, all("RUNNING", 1));

        assertThat(onBoth("pause", name).out()).isEqualTo("connector " + name + " pause requested\n");
        awaitOnBoth(name, all("PAUSED", 1));
        assertThat(onBoth("status", name).out()).containsPattern("task 0\\s+PAUSED");

        assertThat(onBoth("resume", name).out()).isEqualTo("connector " + name + " resume requested\n");
        awaitOnBoth(name, all("RUNNING", 1));

        assertThat(onBoth("stop", name).out()).isEqualTo("connector " + name + " stopped\n");
        awaitOnBoth(name, all("STOPPED", 0));
        assertThat(onBoth("list").out()).containsPattern(name + "\\s+source\\s+STOPPED\\s+0/0");

        onBoth("resume", name);
        awaitOnBoth(name, all("RUNNING", 1));
        assertThat(parse(onBoth("delete", name, "-o", "json").out()))
                .isEqualTo(List.of(Map.of("name", name, "result", "deleted")));
    }

    @Test
    void restartRestartsTheConnectorOrOnlyWhatFailed() throws IOException {
        String healthy = newName("restart");
        onBoth("apply", "-f", fileSource(healthy, "x").toString());
        awaitOnBoth(healthy, all("RUNNING", 1));

        assertThat(onBoth("restart", healthy).out()).isEqualTo("connector " + healthy + ": restarting connector\n");
        assertThat(onBoth("restart", healthy, "--include-tasks", "--failed").out())
                .isEqualTo("connector " + healthy + ": nothing to restart (nothing has FAILED)\n");
        assertThat(onBoth("restart", healthy, "--task", "0").out())
                .isEqualTo("connector " + healthy + ": restarting task 0\n");
        awaitOnBoth(healthy, all("RUNNING", 1));

        String failing = newName("failing-sink");
        Path sink = Files.writeString(dir.resolve(failing + ".properties"), String.join("\n",
                "name=" + failing,
                "connector.class=FileStreamSink",
                "topics=" + failing + "-in",
                "file=" + dir.resolve("no-such-dir").resolve("out.txt"),
                ""));
        onBoth("apply", "-f", sink.toString());
        awaitOnBoth(failing, status -> "RUNNING".equals(object(status.get("connector")).get("state"))
                && list(status.get("tasks")).size() == 1
                && "FAILED".equals(object(list(status.get("tasks")).get(0)).get("state")));
        CliRun status = onBoth("status", failing);
        assertThat(status.out()).containsPattern("task 0\\s+FAILED\\s+WORKER\\s+\\S+");

        CliRun restart = onBoth("restart", failing, "--include-tasks", "--failed");
        assertThat(restart.out()).isEqualTo("connector " + failing + ": restarting task 0\n");
        awaitOnBoth(failing, s -> "FAILED".equals(object(list(s.get("tasks")).get(0)).get("state")));

        onBoth("delete", healthy, failing);
    }

    @Test
    void offsetsAreShownResetAndAlteredOnBoth() throws IOException {
        String name = newName("offsets");
        Path input = dir.resolve(name + ".txt");
        onBoth("apply", "-f", fileSource(name, "abc", "def").toString());
        String partition = Json.compact(Map.of("filename", input.toString()));
        String atEnd = Json.compact(Map.of("position", 8));
        for (Worker worker : workers) {
            await().atMost(STATE_TIMEOUT).alias("offsets of " + name + " on " + worker.label())
                    .until(() -> worker.run("offsets", name).out().contains(atEnd));
        }

        CliRun offsets = onBoth("offsets", name);
        assertThat(offsets.out()).containsPattern("PARTITION\\s+OFFSET")
                .containsPattern(java.util.regex.Pattern.quote(partition) + "\\s+" + java.util.regex.Pattern.quote(atEnd));
        assertThat(object(parse(onBoth("offsets", name, "-o", "json").out()))).isEqualTo(Map.of("offsets",
                List.of(Map.of("partition", Map.of("filename", input.toString()), "offset", Map.of("position", 8)))));

        CliRun whileRunning = onBoth("offsets", name, "--reset");
        assertThat(whileRunning.exitCode()).isEqualTo(1);
        assertThat(whileRunning.err()).startsWith("rill connectors offsets: the Kafka Connect worker at URL refused "
                + "DELETE /connectors/" + name + "/offsets with 400: ");

        onBoth("stop", name);
        awaitOnBoth(name, all("STOPPED", 0));
        CliRun reset = onBoth("offsets", name, "--reset");
        assertThat(reset.exitCode()).isZero();
        assertThat(reset.out()).startsWith("connector " + name + ": ");
        assertThat(onBoth("offsets", name).out()).isEqualTo("connector " + name + " has no committed offsets\n");

        Map<String, Object> alteration = new LinkedHashMap<>();
        alteration.put("offsets", List.of(Map.of("partition", Map.of("filename", input.toString()),
                "offset", Map.of("position", 4))));
        Path file = Files.writeString(dir.resolve(name + "-offsets.json"), Json.pretty(alteration));
        CliRun altered = onBoth("offsets", name, "--alter", file.toString());
        assertThat(altered.exitCode()).isZero();
        assertThat(onBoth("offsets", name).out()).contains(Json.compact(Map.of("position", 4)));

        onBoth("delete", name);
    }

    @Test
    void validateListsEachRejectedSettingAndExitsOneOnErrors() throws IOException {
        Path valid = Files.writeString(dir.resolve("valid-sink.properties"), String.join("\n",
                "name=valid-sink", "connector.class=org.apache.kafka.connect.file.FileStreamSinkConnector",
                "topics=t", "file=" + dir.resolve("out.txt"), ""));
        CliRun ok = onBoth("validate", "-f", valid.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).isEqualTo(valid + ": valid for org.apache.kafka.connect.file.FileStreamSinkConnector\n");

        Path invalid = Files.writeString(dir.resolve("invalid-sink.json"), "{\"name\": \"invalid-sink\", \"config\": "
                + "{\"connector.class\": \"FileStreamSink\", \"tasks.max\": \"zero\"}}");
        CliRun errors = onBoth("validate", "-f", invalid.toString());
        assertThat(errors.exitCode()).isEqualTo(1);
        assertThat(errors.out()).startsWith(invalid + ": ").contains("SETTING", "tasks.max", "zero");
        // the JSON answers differ beyond the errors (Apache 4.3.1 also lists the *.plugin.version settings and
        // echoes the class as given): compare the error count and every setting's errors
        List<Map<String, Object>> answers = workers.stream()
                .map(worker -> object(parse(worker.run("validate", "-f", invalid.toString(), "-o", "json").out())))
                .toList();
        assertThat(answers.get(0).get("error_count")).isEqualTo(4).isEqualTo(answers.get(1).get("error_count"));
        assertThat(settingErrors(answers.get(0))).isEqualTo(settingErrors(answers.get(1)))
                .containsOnlyKeys("tasks.max", "topics", "topics.regex");
    }

    private static Map<Object, Object> settingErrors(Map<String, Object> validation) {
        Map<Object, Object> errors = new java.util.TreeMap<>();
        for (Object each : list(validation.get("configs"))) {
            Map<String, Object> value = object(object(each).get("value"));
            if (!list(value.get("errors")).isEmpty()) {
                errors.put(value.get("name"), value.get("errors"));
            }
        }
        return errors;
    }

    @Test
    void aRequestTheWorkerRefusesPrintsTheWorkersMessage() {
        String name = newName("missing");

        CliRun describe = onBoth("describe", name);

        assertThat(describe.exitCode()).isEqualTo(1);
        assertThat(describe.out()).isEmpty();
        assertThat(describe.err().strip()).isEqualTo("rill connectors describe: the Kafka Connect worker at URL "
                + "refused GET /connectors/" + name + " with 404: Connector " + name + " not found");
        for (String action : List.of("pause", "resume", "stop", "restart", "delete", "offsets")) {
            List<CliRun> refusals = workers.stream().map(worker -> worker.run(action, name)).toList();
            for (CliRun refused : refusals) {
                assertThat(refused.exitCode()).as(action).isEqualTo(1);
                assertThat(refused.err()).as(action)
                        .startsWith("rill connectors " + action + ": the Kafka Connect worker at URL refused ")
                        .contains(name);
            }
            // Apache 4.3.1 answers 500 to stopping a connector it does not have; Rill answers 404
            assertThat(refusals.get(0).err()).as(action).contains(" with 404: ");
        }
    }
}
