package dev.rill.cli.demo;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.cli.rest.ConnectRestClient;
import java.net.URI;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads the demo's progress: end and committed offsets from Kafka, the rows of the SQLite table, and the state of
 * every connector and task from the Connect REST API (so connectors added through REST show up too).
 */
final class DemoMonitor implements AutoCloseable {

    private final Admin admin;
    private final String databaseUrl;
    private final Driver sqlite;
    private final ConnectRestClient rest;
    private final int partitions;
    private Connection connection;
    private long lastRows;

    /**
     * @param sqlite    the SQLite driver of the sink's own plugin class loader (see {@link #rows()})
     * @param connectUrl base URL of the Connect REST API, ending in {@code /}
     */
    DemoMonitor(Admin admin, String databaseUrl, Driver sqlite, String connectUrl, int partitions) {
        this.admin = admin;
        this.databaseUrl = databaseUrl;
        this.sqlite = sqlite;
        this.rest = new ConnectRestClient(URI.create(connectUrl), Duration.ofSeconds(5),
                "the demo's Connect worker stopped answering; see the log");
        this.partitions = partitions;
    }

    DemoStats read() {
        try {
            long produced = endOffsets(DemoOptions.PAYMENT_TOPIC);
            long filtered = endOffsets(DemoOptions.UNKNOWN_TOPIC);
            long streamsDone = committed(DemoOptions.STREAMS_APP_ID, DemoOptions.PAYMENT_TOPIC);
            long sinkDone = committed("connect-" + DemoOptions.SINK_CONNECTOR, DemoOptions.UNKNOWN_TOPIC);
            List<ConnectorStatus> connectors = List.of();
            String problem = null;
            try {
                connectors = connectors();
            } catch (RuntimeException e) {
                problem = "the Connect REST API did not answer: " + e.getMessage();
            }
            return new DemoStats(produced, filtered, rows(), Math.max(0, produced - streamsDone),
                    Math.max(0, filtered - sinkDone), connectors, problem);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the demo's offsets from Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the demo's offsets", e);
        }
    }

    /** Every connector of the worker with its tasks, by name. */
    List<ConnectorStatus> connectors() {
        List<ConnectorStatus> out = new ArrayList<>();
        JsonNode all = rest.get("/connectors?expand=status").tree();
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) all::fields) {
            JsonNode status = entry.getValue().path("status");
            JsonNode connector = status.path("connector");
            List<ConnectorStatus.Task> tasks = new ArrayList<>();
            for (JsonNode task : status.path("tasks")) {
                tasks.add(new ConnectorStatus.Task(task.path("id").asInt(), task.path("state").asText("UNKNOWN"),
                        ConnectorStatus.causeOf(task.path("trace").asText(null))));
            }
            tasks.sort(java.util.Comparator.comparingInt(ConnectorStatus.Task::id));
            out.add(new ConnectorStatus(entry.getKey(), status.path("type").asText("?"),
                    connector.path("state").asText("UNKNOWN"), ConnectorStatus.causeOf(connector.path("trace")
                    .asText(null)), tasks));
        }
        out.sort(java.util.Comparator.comparing(ConnectorStatus::name));
        return out;
    }

    private List<TopicPartition> partitionsOf(String topic) {
        return IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).collect(Collectors.toList());
    }

    private long endOffsets(String topic) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitionsOf(topic).stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    private long committed(String group, String topic) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        ListConsumerGroupOffsetsSpec spec = new ListConsumerGroupOffsetsSpec().topicPartitions(partitionsOf(topic));
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Map.of(group, spec))
                .partitionsToOffsetAndMetadata(group).get(10, TimeUnit.SECONDS);
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /**
     * Rows in the sink's table; 0 until the sink has created it. SQLite keeps its POSIX file locks per loaded copy of
     * the library, and a second copy in this process would release the sink's locks whenever it closed the file; so
     * this reads through the sink plugin's own driver, whose copy of SQLite knows about the sink's connection. The
     * database is in WAL mode, so this read never blocks the sink. A failed read keeps the previous count.
     */
    long rows() {
        try {
            if (connection == null) {
                Properties properties = new Properties();
                properties.setProperty("busy_timeout", "1000");
                connection = sqlite.connect(databaseUrl, properties);
            }
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + DemoOptions.SINK_TABLE)) {
                lastRows = result.next() ? result.getLong(1) : 0;
                return lastRows;
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no such table")) {
                return 0;
            }
            closeConnection();
            return lastRows;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // reopened on the next read
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
        admin.close();
    }
}
