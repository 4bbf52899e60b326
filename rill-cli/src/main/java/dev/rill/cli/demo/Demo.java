package dev.rill.cli.demo;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import dev.rill.kafka.embedded.LocalPorts;
import dev.rill.streams.RillStreams;
import dev.rill.streams.StreamsConfig;
import org.apache.kafka.common.serialization.Serdes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed story in one process: an embedded Kafka, a Connect standalone worker running the datagen source
 * ({@code payment}) and the JDBC sink ({@code unknown-payment} → SQLite), and a Streams app that filters unknown
 * payments and counts payments per key, queryable over HTTP. Everything is kept under the data dir, so a second
 * run resumes where the first stopped.
 */
public final class Demo implements AutoCloseable {

    static final int PARTITIONS = 4;

    private final DemoOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmbeddedKafkaCluster kafka;
    private ConnectWorker worker;
    private RillStreams streams;

    private Demo(DemoOptions options) {
        this.options = options;
    }

    /** Starts every part; on failure stops what already started and rethrows. */
    public static Demo start(DemoOptions options) {
        checkPorts(options.kafkaPort(), options.connectPort(), options.queryPort());
        Demo demo = new Demo(options);
        try {
            demo.startAll();
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    /** Fails with a one-line message naming the port and its option when one of the demo's ports is taken. */
    public static void checkPorts(int kafkaPort, int connectPort, int queryPort) {
        LocalPorts.requireFree(kafkaPort, "--kafka-port");
        LocalPorts.requireFree(connectPort, "--connect-port");
        LocalPorts.requireFree(queryPort, "--query-port");
    }

    private void startAll() {
        createDirectories();
        kafka = EmbeddedKafkaCluster.builder().port(options.kafkaPort()).dataDir(options.dataDir().resolve("kafka"))
                .start();
        started.add(kafka);
        createTopicsIfMissing();
        streams = new RillStreams(PaymentTopology.build(), streamsConfig());
        started.add(streams);
        streams.start();
        worker = ConnectWorker.builder().workerProperties(workerConfig())
                .connectors(List.of(datagenConfig(), sinkConfig())).start();
        started.add(worker);
    }

    private void createDirectories() {
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's data dir " + options.dataDir(), e);
        }
    }

    private void createTopicsIfMissing() {
        Set<String> existing;
        try (var admin = kafka.admin()) {
            existing = admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the demo's topics: " + e.getMessage(), e);
        }
        for (String topic : List.of(DemoOptions.PAYMENT_TOPIC, DemoOptions.UNKNOWN_TOPIC)) {
            if (!existing.contains(topic)) {
                kafka.createTopic(topic, PARTITIONS, 1);
            }
        }
    }

    private Map<String, Object> streamsConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, DemoOptions.STREAMS_APP_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, options.dataDir().resolve("streams").toString());
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        config.put("application.server", "localhost:" + options.queryPort());
        return config;
    }

    private Map<String, String> workerConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("plugin.path", options.pluginPath());
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("offset.storage.file.filename", options.dataDir().resolve("connect.offsets").toString());
        config.put("offset.flush.interval.ms", "1000");
        config.put("listeners", "http://localhost:" + options.connectPort());
        return config;
    }

    private Map<String, String> datagenConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("name", DemoOptions.DATAGEN_CONNECTOR);
        config.put("connector.class", "RillDatagen");
        config.put("kafka.topic", DemoOptions.PAYMENT_TOPIC);
        config.put("quickstart", "payments");
        config.put("records.per.second", Integer.toString(options.rate()));
        config.put("iterations", Long.toString(options.records()));
        config.put("seed", "42");
        config.put("tasks.max", "1");
        return config;
    }

    private Map<String, String> sinkConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("name", DemoOptions.SINK_CONNECTOR);
        config.put("connector.class", "RillJdbcSink");
        config.put("topics", DemoOptions.UNKNOWN_TOPIC);
        config.put("connection.url", databaseUrl());
        config.put("table.name.format", DemoOptions.SINK_TABLE);
        config.put("insert.mode", "upsert");
        config.put("pk.mode", "record_value");
        config.put("pk.fields", "id");
        config.put("auto.create", "true");
        config.put("auto.evolve", "true");
        config.put("tasks.max", "1");
        return config;
    }

    /** JDBC URL of the SQLite file the sink writes. */
    public String databaseUrl() {
        return "jdbc:sqlite:" + options.databaseFile().toAbsolutePath();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Base URL of the Connect REST API, ending in {@code /}. */
    public String connectUrl() {
        return "http://localhost:" + options.connectPort() + "/";
    }

    /** Base URL of the Streams app's interactive-query endpoint, ending in {@code /}. */
    public String queryUrl() {
        return "http://localhost:" + options.queryPort() + "/";
    }

    public DemoOptions options() {
        return options;
    }

    /** A monitor of this demo's progress; the caller closes it. */
    DemoMonitor monitor() {
        return new DemoMonitor(kafka.admin(), databaseUrl(), sinkSqliteDriver(), connectUrl(), PARTITIONS);
    }

    /** The SQLite driver of the JDBC sink's plugin: the same copy of SQLite as the sink's (see DemoMonitor.rows). */
    private java.sql.Driver sinkSqliteDriver() {
        ClassLoader loader = worker.pluginClassLoader("RillJdbcSink");
        try {
            return (java.sql.Driver) Class.forName("org.sqlite.JDBC", true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the JDBC sink plugin brings no SQLite driver (" + e + ")", e);
        }
    }

    /**
     * Rows in the sink's SQLite table, read as the live view reads them (through the sink plugin's own SQLite); 0
     * before the sink created the table.
     */
    public long sinkTableRows() {
        try (java.sql.Connection connection = sinkSqliteDriver().connect(databaseUrl(), new java.util.Properties());
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + DemoOptions.SINK_TABLE)) {
            return result.next() ? result.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return 0;
            }
            throw new IllegalStateException("cannot count the rows of " + DemoOptions.SINK_TABLE + ": " + e.getMessage(),
                    e);
        }
    }

    /** Stops the worker, the Streams app and Kafka, in that order; safe to call twice. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("rill demo: error while stopping " + started.get(i).getClass().getSimpleName()
                        + ": " + e);
            }
        }
        started.clear();
    }
}
