package dev.rill.cli.demo;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Reads the demo's progress from Kafka (end offsets, group offsets) and from the SQLite table. */
final class DemoMonitor implements AutoCloseable {

    private final Admin admin;
    private final String databaseUrl;
    private final int partitions;
    private long lastRows;

    DemoMonitor(Admin admin, String databaseUrl, int partitions) {
        this.admin = admin;
        this.databaseUrl = databaseUrl;
        this.partitions = partitions;
    }

    DemoStats read() {
        try {
            long produced = endOffsets(DemoOptions.PAYMENT_TOPIC);
            long filtered = endOffsets(DemoOptions.UNKNOWN_TOPIC);
            long streamsDone = committed(DemoOptions.STREAMS_APP_ID, DemoOptions.PAYMENT_TOPIC);
            long sinkDone = committed("connect-" + DemoOptions.SINK_CONNECTOR, DemoOptions.UNKNOWN_TOPIC);
            return new DemoStats(produced, filtered, rows(), Math.max(0, produced - streamsDone),
                    Math.max(0, filtered - sinkDone));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the demo's offsets from Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the demo's offsets", e);
        }
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
     * Rows in the sink's table; 0 until the sink has created it. The JDBC sink runs its own copy of SQLite (in
     * its plugin class loader), and two SQLite copies in one process cannot see each other's POSIX locks, so
     * this reader opens the file immutable and read-only: it never touches the sink's journal. A read that
     * meets a half-written commit keeps the previous count.
     */
    long rows() {
        try (Connection connection = DriverManager.getConnection(readOnlyUrl());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + DemoOptions.SINK_TABLE)) {
            lastRows = result.next() ? result.getLong(1) : 0;
            return lastRows;
        } catch (SQLException e) {
            return String.valueOf(e.getMessage()).contains("no such table") ? 0 : lastRows;
        }
    }

    private String readOnlyUrl() {
        return "jdbc:sqlite:file:" + databaseUrl.substring("jdbc:sqlite:".length()) + "?mode=ro&immutable=1";
    }

    @Override
    public void close() {
        admin.close();
    }
}
