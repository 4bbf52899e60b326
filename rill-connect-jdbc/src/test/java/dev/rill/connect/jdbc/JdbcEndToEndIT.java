package dev.rill.connect.jdbc;

import static dev.rill.connect.plugintest.WorkerTesting.consume;
import static dev.rill.connect.plugintest.WorkerTesting.header;
import static dev.rill.connect.plugintest.WorkerTesting.produce;
import static dev.rill.connect.plugintest.WorkerTesting.workerProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.junit.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC plugin directory on a Rill standalone worker with embedded Kafka, PostgreSQL and SQLite. The
 * plugin's classes are not on this test's classpath: the worker loads them from plugin.path.
 */
class JdbcEndToEndIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.singleNode();
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void pluginClassesComeOnlyFromThePluginDirectory() {
        assertThatThrownBy(() -> Class.forName("dev.rill.connect.jdbc.RillJdbcSinkConnector"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    private Map<String, String> sinkConfig(String name, String topic, String url) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", "RillJdbcSink");
        config.put("topics", topic);
        config.put("connection.url", url);
        config.put("connection.user", "postgres");
        config.put("connection.password", "postgres");
        config.put("auto.create", "true");
        config.put("insert.mode", "upsert");
        return config;
    }

    @Test
    void upsertsAndTombstoneDeletesLeaveTheExactTableAfterAWorkerRestartMidStream() throws Exception {
        TestDatabase db = TestDatabase.postgres();
        String topic = KAFKA.cluster().newTopic("orders", 1);
        String table = topic.replace('-', '_');
        Map<String, String> sink = sinkConfig("jdbc-orders-" + topic, topic, db.url());
        sink.put("table.name.format", table);
        sink.put("pk.mode", "record_key");
        sink.put("pk.fields", "id");
        sink.put("delete.enabled", "true");
        sink.put("batch.size", "50");

        List<Map.Entry<String, String>> records = new ArrayList<>();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            String key = "k" + (i % 400);
            if (i % 9 == 8) {
                records.add(new SimpleEntry<>(key, null));
                expected.remove(key);
            } else {
                records.add(new SimpleEntry<>(key, "{\"customer\":\"c" + i + "\",\"amount\":" + i + ".25}"));
                expected.put(key, key + "|c" + i + "|" + i + ".25");
            }
        }
        produce(KAFKA.bootstrapServers(), topic, records.subList(0, 1500));
        try (ConnectWorker worker = ConnectWorker.builder().workerProperties(workerProps(KAFKA.bootstrapServers(), dir))
                .connectors(List.of(sink)).start()) {
            await().atMost(DEADLINE).until(() -> tableExists(db, table) && !db.rows(table).isEmpty());
            produce(KAFKA.bootstrapServers(), topic, records.subList(1500, 2200));
        } // stopped while records are still flowing in
        produce(KAFKA.bootstrapServers(), topic, records.subList(2200, 3000));
        try (ConnectWorker worker = ConnectWorker.builder().workerProperties(workerProps(KAFKA.bootstrapServers(), dir))
                .connectors(List.of(sink)).start()) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(rows(db, table))
                            .containsExactlyElementsOf(expected.values().stream().sorted().toList()));
        }
    }

    private static boolean tableExists(TestDatabase db, String table) {
        try {
            db.rows(table);
            return true;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static List<String> rows(TestDatabase db, String table) throws Exception {
        return db.rows(table).stream().map(r -> r.get("id") + "|" + r.get("customer") + "|" + r.get("amount"))
                .sorted().toList();
    }

    @Test
    void misfitRecordsGoToTheDeadLetterTopicWithPreciseErrorsAndTheRestLands() throws Exception {
        TestDatabase db = TestDatabase.sqlite();
        String topic = KAFKA.cluster().newTopic("payments", 1);
        String dlq = topic + "-dlq";
        Map<String, String> sink = sinkConfig("jdbc-dlq-" + topic, topic, db.url());
        sink.put("pk.mode", "record_value");
        sink.put("pk.fields", "id");
        sink.put("errors.tolerance", "all");
        sink.put("errors.deadletterqueue.topic.name", dlq);
        sink.put("errors.deadletterqueue.topic.replication.factor", "1");
        sink.put("errors.deadletterqueue.context.headers.enable", "true");
        produce(KAFKA.bootstrapServers(), topic, List.of(
                new SimpleEntry<>("a", "{\"id\":1,\"amount\":1.5}"),
                new SimpleEntry<>("b", "{\"amount\":2.5}"),
                new SimpleEntry<>("c", "{\"id\":3,\"amount\":\"three\"}"),
                new SimpleEntry<>("d", "{\"id\":4,\"amount\":4.5}")));
        String group = "connect-" + sink.get("name");
        try (ConnectWorker worker = ConnectWorker.builder().workerProperties(workerProps(KAFKA.bootstrapServers(), dir))
                .connectors(List.of(sink)).start();
             Admin admin = KAFKA.cluster().admin()) {
            // the worker commits offset 4 only after put() returned, i.e. after the rows were committed
            await().atMost(DEADLINE).until(() -> committedOffset(admin, group, topic) == 4L);
            List<ConsumerRecord<String, String>> dead = consume(KAFKA.bootstrapServers(), dlq, 2);
            assertThat(dead).extracting(ConsumerRecord::key).containsExactly("b", "c");
            assertThat(header(dead.get(0), "__connect.errors.exception.message")).contains(
                    "has no primary-key field 'id' in its value (pk.mode=record_value, pk.fields=[id]");
            assertThat(header(dead.get(1), "__connect.errors.exception.message")).contains(
                    "field 'amount'", "has Connect type STRING (value three)", "column \"amount\"");
            assertThat(header(dead.get(1), "__connect.errors.offset")).isEqualTo("2");
        }
        // read the SQLite file only once the worker is gone: two SQLite libraries (the plugin's and this
        // test's) in one process must not share a database file, their POSIX locks interfere
        assertThat(db.rows(topic).stream().map(r -> ((Number) r.get("id")).longValue() + "|" + r.get("amount"))
                .toList()).containsExactly("1|1.5", "4|4.5");
    }

    private static long committedOffset(Admin admin, String group, String topic) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(topic, 0));
        return offset == null ? -1 : offset.offset();
    }

    @Test
    void sourceDeliversInsertsAndUpdatesExactlyOnceAcrossAWorkerRestart() throws Exception {
        TestDatabase db = TestDatabase.postgres();
        String table = TestDatabase.uniqueTable("accounts");
        db.execute("CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL,"
                + " updated_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                "INSERT INTO " + table + " (name) VALUES ('a'), ('b'), ('c'), ('d')");
        String topic = "e2e-" + table;
        Map<String, String> source = new HashMap<>();
        source.put("name", "jdbc-source-" + table);
        source.put("connector.class", "RillJdbcSource");
        source.put("connection.url", db.url());
        source.put("connection.user", "postgres");
        source.put("connection.password", "postgres");
        source.put("mode", "timestamp+incrementing");
        source.put("table.whitelist", table);
        source.put("incrementing.column.name", "id");
        source.put("timestamp.column.name", "updated_at");
        source.put("topic.prefix", "e2e-");
        source.put("poll.interval.ms", "100");
        source.put("batch.max.rows", "3");
        source.put("topic.creation.default.replication.factor", "1");
        source.put("topic.creation.default.partitions", "1");
        try (ConnectWorker worker = ConnectWorker.builder().workerProperties(workerProps(KAFKA.bootstrapServers(), dir))
                .connectors(List.of(source)).start()) {
            assertThat(consume(KAFKA.bootstrapServers(), topic, 4)).hasSize(4);
        }
        db.execute("UPDATE " + table + " SET name = 'b2', updated_at = now() WHERE id = 2",
                "INSERT INTO " + table + " (name) VALUES ('e'), ('f')",
                "UPDATE " + table + " SET name = 'a2', updated_at = now() WHERE id = 1");
        try (ConnectWorker worker = ConnectWorker.builder().workerProperties(workerProps(KAFKA.bootstrapServers(), dir))
                .connectors(List.of(source)).start()) {
            List<ConsumerRecord<String, String>> all = consume(KAFKA.bootstrapServers(), topic, 8);
            assertThat(all).extracting(r -> r.value().replaceAll(".*\"id\":(\\d+).*\"name\":\"(\\w+)\".*", "$1:$2"))
                    .containsExactly("1:a", "2:b", "3:c", "4:d", "2:b2", "5:e", "6:f", "1:a2");
        }
    }
}
