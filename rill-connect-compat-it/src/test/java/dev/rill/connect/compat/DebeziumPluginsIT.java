package dev.rill.connect.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rill.connect.ConnectWorker;
import dev.rill.kafka.embedded.EmbeddedKafkaCluster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two real third-party plugins from Maven Central, installed the way Debezium documents (its published plugin
 * archives unpacked into plugin.path): the Debezium PostgreSQL source (CDC through logical decoding, pgoutput)
 * and the Debezium JDBC sink, end to end on a Rill Connect standalone worker. Rows inserted and updated in a
 * table are captured (snapshot, then streaming), pass through Kafka as Debezium change events in JsonConverter
 * form, and are upserted into a copy of the table by the JDBC sink.
 */
class DebeziumPluginsIT {
    private static EmbeddedKafkaCluster kafka;
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafkaCluster.builder().start();
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "4")
                .setServerConfig("max_replication_slots", "4")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = db(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The rows of {@code table} as id → "name <email>"; none while the sink has not created it yet. */
    private static Map<Integer, String> rows(String table) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, name, email FROM " + table)) {
            while (r.next()) {
                out.put(r.getInt(1), r.getString(2) + " <" + r.getString(3) + ">");
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // undefined_table
                throw e;
            }
        }
        return out;
    }

    @Test
    void shouldCaptureChangesWithTheDebeziumPostgresSourceAndWriteThemWithTheDebeziumJdbcSink() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String source = "customers_" + id;
        String target = "customers_copy_" + id;
        String prefix = "pg" + id;
        sql("CREATE TABLE " + source + " (id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT)",
                "INSERT INTO " + source + " VALUES (1, 'Ada', 'ada@example.com'), (2, 'Grace', 'grace@example.com'),"
                        + " (3, 'Edsger', NULL)");

        Map<String, String> worker = RealPlugins.workerProps(kafka.bootstrapServers(), dir);
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");

        Map<String, String> cdc = new HashMap<>();
        cdc.put("name", "pg-cdc");
        cdc.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        cdc.put("database.hostname", "localhost");
        cdc.put("database.port", String.valueOf(postgres.getPort()));
        cdc.put("database.user", "postgres");
        cdc.put("database.password", "postgres");
        cdc.put("database.dbname", "postgres");
        cdc.put("topic.prefix", prefix);
        cdc.put("plugin.name", "pgoutput");
        cdc.put("slot.name", "slot_" + id);
        cdc.put("publication.name", "pub_" + id);
        cdc.put("publication.autocreate.mode", "filtered");
        cdc.put("table.include.list", "public." + source);
        cdc.put("topic.creation.default.replication.factor", "1");
        cdc.put("topic.creation.default.partitions", "1");
        String topic = prefix + ".public." + source;

        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
        sink.put("topics", topic);
        sink.put("connection.url", jdbcUrl());
        sink.put("connection.username", "postgres");
        sink.put("connection.password", "postgres");
        sink.put("insert.mode", "upsert");
        sink.put("primary.key.mode", "record_key");
        sink.put("schema.evolution", "basic");
        sink.put("collection.name.format", target);
        sink.put("tasks.max", "1");

        try (ConnectWorker rill = ConnectWorker.builder().workerProperties(worker).connectors(List.of(cdc)).start()) {
            String url = rill.restUrl();
            try (Admin admin = kafka.admin()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> admin.listTopics().names().get().contains(topic));
            }
            RealPlugins.Answer created = RealPlugins.put(url, "/connectors/jdbc-sink/config", sink);
            assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rows(target)).isEqualTo(Map.of(
                    1, "Ada <ada@example.com>", 2, "Grace <grace@example.com>", 3, "Edsger <null>")));

            // streaming changes after the snapshot: an insert and an update
            sql("INSERT INTO " + source + " VALUES (4, 'Barbara', 'barbara@example.com')",
                    "UPDATE " + source + " SET email = 'ada@lovelace.org' WHERE id = 1");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rows(target)).isEqualTo(Map.of(
                    1, "Ada <ada@lovelace.org>", 2, "Grace <grace@example.com>", 3, "Edsger <null>",
                    4, "Barbara <barbara@example.com>")));

            Map<String, Object> cdcStatus = RealPlugins.running(url, "pg-cdc");
            Map<String, Object> sinkStatus = RealPlugins.running(url, "jdbc-sink");
            assertThat(cdcStatus).containsEntry("type", "source");
            assertThat(sinkStatus).containsEntry("type", "sink");
            List<Map<String, Object>> plugins = RealPlugins.get(url, "/connector-plugins").list();
            assertThat(plugins).extracting(p -> p.get("class")).contains(
                    "io.debezium.connector.postgresql.PostgresConnector", "io.debezium.connector.jdbc.JdbcSinkConnector");
        } finally {
            sql("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'slot_" + id
                    + "' AND NOT active");
        }
    }
}
