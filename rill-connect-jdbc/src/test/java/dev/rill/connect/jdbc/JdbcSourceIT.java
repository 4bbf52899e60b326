package dev.rill.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.connect.jdbc.internal.source.JdbcSourceTask;
import dev.rill.connect.plugintest.FakeSourceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDBC source task against real PostgreSQL and SQLite, with offsets kept as a worker keeps them. */
class JdbcSourceIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    static List<TestDatabase> databases() {
        return TestDatabase.both();
    }

    private static Map<String, String> config(TestDatabase db, String... extra) {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", db.url(), "connection.user", "postgres",
                "connection.password", "postgres", "topic.prefix", "db-", "poll.interval.ms", "50",
                "batch.max.rows", "2"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    private static JdbcSourceTask start(Map<String, String> props, FakeSourceContext context) {
        JdbcSourceTask task = new JdbcSourceTask();
        task.initialize(context);
        task.start(props);
        return task;
    }

    /** Polls until {@code count} records arrived (each batch acknowledged and its offsets stored). */
    private static List<SourceRecord> pollFor(JdbcSourceTask task, FakeSourceContext context, int count)
            throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (all.size() < count && System.nanoTime() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                context.commit(batch);
                all.addAll(batch);
            }
        }
        assertThat(all).as("records within %s", DEADLINE).hasSizeGreaterThanOrEqualTo(count);
        return all;
    }

    /** Polls for a while longer (several poll intervals) and returns whatever else arrives. */
    private static List<SourceRecord> pollMore(JdbcSourceTask task, FakeSourceContext context)
            throws InterruptedException {
        List<SourceRecord> extra = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                context.commit(batch);
                extra.addAll(batch);
            }
        }
        return extra;
    }

    private static List<String> events(List<SourceRecord> records) {
        return records.stream().map(r -> {
            Struct value = (Struct) r.value();
            return ((Number) value.get("id")).longValue() + ":" + value.get("name");
        }).toList();
    }

    @Test
    void shouldDeliverEveryInsertAndUpdateExactlyOnceAcrossARestartInTimestampIncrementingMode()
            throws Exception {
        TestDatabase db = TestDatabase.postgres();
        String table = TestDatabase.uniqueTable("customers");
        db.execute("CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL,"
                + " updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        db.execute("INSERT INTO " + table + " (name) VALUES ('a'), ('b'), ('c')",
                "INSERT INTO " + table + " (name) VALUES ('d')", "INSERT INTO " + table + " (name) VALUES ('e')");
        Map<String, String> props = config(db, "mode", "timestamp+incrementing", "table.whitelist", table,
                "incrementing.column.name", "id", "timestamp.column.name", "updated_at");
        FakeSourceContext context = new FakeSourceContext(props);

        JdbcSourceTask first = start(props, context);
        List<SourceRecord> before = pollFor(first, context, 5);
        first.stop();

        db.execute("UPDATE " + table + " SET name = 'a2', updated_at = now() WHERE id = 1",
                "INSERT INTO " + table + " (name) VALUES ('f'), ('g')",
                "UPDATE " + table + " SET name = 'c2', updated_at = now() WHERE id = 3",
                "INSERT INTO " + table + " (name) VALUES ('h')");
        JdbcSourceTask second = start(props, context);
        List<SourceRecord> after = pollFor(second, context, 5);
        after.addAll(pollMore(second, context));
        second.stop();

        assertThat(events(before)).containsExactly("1:a", "2:b", "3:c", "4:d", "5:e");
        assertThat(events(after)).containsExactly("1:a2", "6:f", "7:g", "3:c2", "8:h");
        assertThat(after.get(0).topic()).isEqualTo("db-" + table);
        assertThat(after.get(0).sourcePartition()).isEqualTo(Map.of("table", table));
        assertThat(after.get(4).sourceOffset().get("incrementing")).isEqualTo(8L);
        assertThat(after.get(4).sourceOffset().get("timestamp")).isInstanceOf(Long.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldResumeIncrementingModeAfterTheLastAcknowledgedRow(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("events");
        db.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name TEXT)");
        for (int i = 1; i <= 5; i++) {
            db.execute("INSERT INTO " + table + " (id, name) VALUES (" + i + ", 'n" + i + "')");
        }
        Map<String, String> props = config(db, "mode", "incrementing", "table.whitelist", table,
                "incrementing.column.name", "id");
        FakeSourceContext context = new FakeSourceContext(props);
        JdbcSourceTask first = start(props, context);
        List<SourceRecord> acknowledged = pollFor(first, context, 2);
        List<SourceRecord> lost = first.poll(); // produced but never acknowledged: not stored
        first.stop();
        assertThat(lost).isNotNull();

        db.execute("INSERT INTO " + table + " (id, name) VALUES (6, 'n6')");
        JdbcSourceTask second = start(props, context);
        List<SourceRecord> rest = pollFor(second, context, 4);
        rest.addAll(pollMore(second, context));
        second.stop();
        List<String> all = new ArrayList<>(events(acknowledged));
        all.addAll(events(rest));
        assertThat(all).containsExactly("1:n1", "2:n2", "3:n3", "4:n4", "5:n5", "6:n6");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldReadNewAndUpdatedRowsInTimestampModeFromACustomQuery(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("items");
        String type = db.name().equals("postgres") ? "TIMESTAMPTZ" : "TIMESTAMP";
        db.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name TEXT, changed " + type + " NOT NULL)");
        long base = System.currentTimeMillis() - 60_000;
        try (var c = db.connect(); var insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
            java.util.Calendar utc = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
            for (int i = 1; i <= 4; i++) {
                insert.setInt(1, i);
                insert.setString(2, "v" + i);
                insert.setTimestamp(3, new java.sql.Timestamp(base + (i <= 2 ? 0 : i) * 1000L), utc); // 1,2 share one
                insert.executeUpdate();
            }
        }
        Map<String, String> props = config(db, "mode", "timestamp", "query",
                "SELECT id, name, changed FROM " + table + " WHERE id <> 4", "timestamp.column.name", "changed",
                "topic.prefix", "items");
        FakeSourceContext context = new FakeSourceContext(props);
        JdbcSourceTask task = start(props, context);
        List<SourceRecord> records = pollFor(task, context, 3);
        records.addAll(pollMore(task, context));
        task.stop();
        assertThat(events(records)).containsExactly("1:v1", "2:v2", "3:v3");
        assertThat(records).allSatisfy(r -> assertThat(r.topic()).isEqualTo("items"));
        // the first of two rows sharing a timestamp stores "just before" it, so a restart re-reads, never skips
        assertThat(((Number) records.get(0).sourceOffset().get("timestamp")).longValue()).isLessThan(
                ((Number) records.get(1).sourceOffset().get("timestamp")).longValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldCopyTheWholeTableOnEveryPollInBulkMode(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("bulk");
        db.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name TEXT, price NUMERIC(8,2))",
                "INSERT INTO " + table + " VALUES (1, 'x', 1.50)", "INSERT INTO " + table + " VALUES (2, 'y', NULL)");
        Map<String, String> props = config(db, "mode", "bulk", "table.whitelist", table);
        FakeSourceContext context = new FakeSourceContext(props);
        JdbcSourceTask task = start(props, context);
        List<SourceRecord> records = pollFor(task, context, 4);
        task.stop();
        assertThat(events(records).subList(0, 4)).containsExactly("1:x", "2:y", "1:x", "2:y");
        Object price = ((Struct) records.get(0).value()).get("price");
        assertThat(((Number) price).doubleValue()).isEqualTo(1.5);
        assertThat(((Struct) records.get(1).value()).get("price")).isNull();
    }
}
