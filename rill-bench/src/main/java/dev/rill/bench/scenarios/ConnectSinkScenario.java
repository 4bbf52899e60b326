package dev.rill.bench.scenarios;

import dev.rill.bench.BenchContext;
import dev.rill.bench.Launch;
import dev.rill.bench.PaymentInput;
import dev.rill.bench.ReadinessProbe;
import dev.rill.bench.RecordDigest;
import dev.rill.bench.RunContext;
import dev.rill.bench.Scenario;
import dev.rill.bench.Side;
import dev.rill.bench.SideRole;
import dev.rill.bench.Verdict;
import org.apache.kafka.common.TopicPartition;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same sink connector, Apache's FileStreamSink from connect-file loaded from {@code plugin.path}, on Apache
 * Kafka Connect standalone (anchor) and Rill Connect standalone: throughput, time to RUNNING and memory.
 */
public final class ConnectSinkScenario implements Scenario {

    static final String INPUT_TOPIC = "connect-payment";
    static final int PARTITIONS = 4;
    /** The name of the classpath the Apache Connect side runs on (bench.sh resolves it from apache-connect/pom.xml). */
    public static final String APACHE_CONNECT_CLASSPATH = "apache-connect";
    /** The name of the classpath the Rill Connect side runs on: rill-connect's runtime classpath plus the side's main. */
    public static final String RILL_CONNECT_CLASSPATH = "rill-connect";
    private static final long SEED = 4_3_1L;
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    private static final String FILE_SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");

    private static final List<Side> SIDES = List.of(
            new Side("kafka-connect", SideRole.ANCHOR, "org.apache.kafka.connect.cli.ConnectStandalone", APACHE_CONNECT_CLASSPATH),
            new Side("rill-connect", SideRole.RILL, "dev.rill.bench.sides.RillConnectStandaloneMain", RILL_CONNECT_CLASSPATH));

    private final ConnectRestCalls rest = new ConnectRestCalls();
    private PaymentInput input;
    private RecordDigest expected;
    private Map<TopicPartition, Long> endOffsets;

    @Override
    public String id() {
        return "connect-sink";
    }

    @Override
    public String title() {
        return "Connect sink: FileStreamSink, standalone";
    }

    @Override
    public List<Side> sides() {
        return SIDES;
    }

    @Override
    public void prepare(BenchContext context) throws Exception {
        context.pluginPath(); // fail before producing if there is no plugin directory
        input = new PaymentInput(context.records(1_000_000, 300_000), SEED);
        context.cluster().createTopic(INPUT_TOPIC, PARTITIONS, 1);
        input.produceTo(context.bootstrapServers(), INPUT_TOPIC);
        expected = input.digest(PaymentInput.Selection.ALL_VALUES);
        endOffsets = context.endOffsets(INPUT_TOPIC);
    }

    @Override
    public List<String> describe(BenchContext context) {
        return List.of(
                "Apache's `FileStreamSinkConnector` (connect-file " + org.apache.kafka.common.utils.AppInfoParser.getVersion()
                        + ", loaded from `plugin.path`) writes every record's value as a line to a file.",
                "",
                "- Input: " + input.count() + " payment records of about 110 B in " + PARTITIONS + " partitions; "
                        + "the output file must hold every value exactly once.",
                "- Worker properties, the same on both sides: `bootstrap.servers`, `plugin.path`, `key.converter` and "
                        + "`value.converter` = `StringConverter` (required keys; the records are plain strings), "
                        + "`offset.storage.file.filename` (per run), `listeners=http://127.0.0.1:<free port>`, "
                        + "`offset.flush.interval.ms=" + context.commitIntervalMs() + "`; everything else at its default "
                        + "(so Apache Connect finds plugins with its default `plugin.discovery=hybrid_warn`, which scans "
                        + "`plugin.path` and its classpath by reflection; `service_load` would start it faster).",
                "- Connector: `connector.class=FileStreamSinkConnector`, `tasks.max=1`, `topics=" + INPUT_TOPIC
                        + "`, `file=<per-run file>`; the sink's consumer group is `connect-<connector name>`.",
                "- **kafka-connect** (anchor): `org.apache.kafka.connect.cli.ConnectStandalone worker.properties "
                        + "sink.properties` on connect-runtime's own runtime classpath (connect-runtime brings Jetty 12, "
                        + "Rill Connect's REST server Javalin's Jetty, so the two cannot share one classpath).",
                "- **rill-connect** (Rill): `ConnectWorker.builder().workerProperties(worker.properties)"
                        + ".connectorFiles([sink.properties]).start()` from a "
                        + "three-line main, on rill-connect's own runtime classpath.",
                "- *Running after* = time from launch until `GET /connectors/<name>/status` shows the connector and "
                        + "its task RUNNING.");
    }

    @Override
    public Launch beforeRun(BenchContext context, RunContext run) throws Exception {
        int port = freePort();
        String name = run.runId();
        Properties worker = new Properties();
        worker.setProperty("bootstrap.servers", run.bootstrapServers());
        worker.setProperty("plugin.path", context.pluginPath().toAbsolutePath().toString());
        worker.setProperty("key.converter", STRING_CONVERTER);
        worker.setProperty("value.converter", STRING_CONVERTER);
        worker.setProperty("offset.storage.file.filename", run.workDir().resolve("connect.offsets").toString());
        worker.setProperty("offset.flush.interval.ms", Long.toString(run.commitIntervalMs()));
        worker.setProperty("listeners", "http://127.0.0.1:" + port);
        Properties sink = new Properties();
        sink.setProperty("name", name);
        sink.setProperty("connector.class", FILE_SINK);
        sink.setProperty("tasks.max", "1");
        sink.setProperty("topics", INPUT_TOPIC);
        sink.setProperty("file", outputFile(run).toString());
        Path workerFile = run.workDir().resolve("worker.properties");
        Path sinkFile = run.workDir().resolve("sink.properties");
        SeedFilterScenario.write(worker, workerFile);
        SeedFilterScenario.write(sink, sinkFile);
        String status = "http://127.0.0.1:" + port + "/connectors/" + name + "/status";
        ReadinessProbe running = () -> {
            HttpResponse<String> response = rest.get(status, Duration.ofSeconds(2));
            return allRunning(response.statusCode(), response.body());
        };
        return new Launch(List.of(workerFile.toString(), sinkFile.toString()), "connect-" + name,
                new LinkedHashMap<>(endOffsets), Optional.of(running));
    }

    /** Whether a status response shows the connector and at least one task, all RUNNING. */
    static boolean allRunning(int httpStatus, String body) {
        if (httpStatus != 200) {
            return false;
        }
        Matcher matcher = STATE.matcher(body);
        int running = 0;
        while (matcher.find()) {
            if (!matcher.group(1).equals("RUNNING")) {
                return false;
            }
            running++;
        }
        return running >= 2;
    }

    @Override
    public Verdict verify(BenchContext context, RunContext run) throws Exception {
        Path file = outputFile(run);
        if (!Files.exists(file)) {
            return Verdict.wrong("the sink wrote no file at " + file);
        }
        RecordDigest actual = new RecordDigest();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                actual.add(null, line);
            }
        }
        return actual.verdictAgainst(expected, "sink file " + file.getFileName());
    }

    @Override
    public void afterRun(BenchContext context, RunContext run) throws Exception {
        Files.deleteIfExists(outputFile(run));
    }

    private static Path outputFile(RunContext run) {
        return run.workDir().resolve("sink-output.txt");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
