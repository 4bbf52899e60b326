package dev.rill.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.connect.jdbc.internal.sink.JdbcSinkTask;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JDBC sink task against real SQLite and PostgreSQL, driven the way a worker drives it. */
class JdbcSinkIT {
    static final Schema KEY = SchemaBuilder.struct().name("OrderKey").field("id", Schema.INT64_SCHEMA).build();
    static final Schema VALUE = SchemaBuilder.struct().name("Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", Schema.STRING_SCHEMA)
            .field("amount", Schema.FLOAT64_SCHEMA)
            .build();
    static final Schema VALUE_V2 = SchemaBuilder.struct().name("Order").version(2)
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", Schema.STRING_SCHEMA)
            .field("amount", Schema.FLOAT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    static List<TestDatabase> databases() {
        return TestDatabase.both();
    }

    private long offset;

    private SinkRecord order(String topic, long id, String customer, double amount) {
        Struct value = new Struct(VALUE).put("id", id).put("customer", customer).put("amount", amount);
        return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), VALUE, value, offset++);
    }

    private SinkRecord tombstone(String topic, long id) {
        return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), VALUE, null, offset++);
    }

    private static Map<String, String> upsertConfig(TestDatabase db, String... extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "connection.url", db.url(), "connection.user", "postgres", "connection.password", "postgres",
                "insert.mode", "upsert", "pk.mode", "record_key", "pk.fields", "id", "delete.enabled", "true",
                "auto.create", "true", "batch.size", "3"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return props;
    }

    private static JdbcSinkTask start(Map<String, String> props, FakeSinkContext context) {
        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(context);
        task.start(props);
        return task;
    }

    /** Rows as "id|customer|amount" strings with numbers normalised across drivers. */
    private static List<String> orders(TestDatabase db, String table) throws Exception {
        return db.rows(table).stream().map(row -> {
            Map<String, Object> lower = new TreeMap<>();
            row.forEach((k, v) -> lower.put(k.toLowerCase(), v));
            return ((Number) lower.get("id")).longValue() + "|" + lower.get("customer") + "|"
                    + ((Number) lower.get("amount")).doubleValue();
        }).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldUpsertAndDeleteOnTombstonesAcrossBatches(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("orders");
        JdbcSinkTask task = start(upsertConfig(db), new FakeSinkContext(false));
        task.put(List.of(order(table, 1, "ann", 10.0), order(table, 2, "bob", 20.0), order(table, 1, "ann", 11.5),
                order(table, 3, "cid", 30.0), tombstone(table, 2), order(table, 4, "dan", 40.0),
                tombstone(table, 4), order(table, 4, "dan", 41.0)));
        task.stop();
        assertThat(orders(db, table)).containsExactly("1|ann|11.5", "3|cid|30.0", "4|dan|41.0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldEndWithTheExpectedTableWhenARestartedTaskReplaysUncommittedRecords(TestDatabase db)
            throws Exception {
        String table = TestDatabase.uniqueTable("replay");
        List<SinkRecord> stream = new ArrayList<>();
        Map<Long, String> expected = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            long id = i % 17;
            if (i % 7 == 6) {
                stream.add(tombstone(table, id));
                expected.remove(id);
            } else {
                double amount = i * 1.5;
                stream.add(order(table, id, "c" + i, amount));
                expected.put(id, id + "|c" + i + "|" + amount);
            }
        }
        Map<String, String> props = upsertConfig(db, "batch.size", "4");
        JdbcSinkTask first = start(props, new FakeSinkContext(false));
        first.put(stream.subList(0, 20));   // offsets up to 20 committed by the worker
        first.put(stream.subList(20, 35));  // written, but the worker dies before committing these offsets
        first.stop();

        JdbcSinkTask second = start(props, new FakeSinkContext(false));
        second.put(stream.subList(20, 45)); // redelivered from the committed offset
        second.put(stream.subList(45, 60));
        second.stop();

        assertThat(orders(db, table)).containsExactlyElementsOf(expected.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldAddAColumnForANewFieldOnlyWithAutoEvolve(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("evolve");
        JdbcSinkTask fixed = start(upsertConfig(db), new FakeSinkContext(false));
        fixed.put(List.of(order(table, 1, "ann", 1.0)));
        Struct v2 = new Struct(VALUE_V2).put("id", 2L).put("customer", "bob").put("amount", 2.0).put("note", "gift");
        SinkRecord withNote = new SinkRecord(table, 0, KEY, new Struct(KEY).put("id", 2L), VALUE_V2, v2, 99);
        assertThatThrownBy(() -> fixed.put(List.of(withNote))).isInstanceOf(ConnectException.class)
                .hasStackTraceContaining("has no column(s) [note]").hasStackTraceContaining("auto.evolve=true");
        fixed.stop();

        JdbcSinkTask evolving = start(upsertConfig(db, "auto.evolve", "true"), new FakeSinkContext(false));
        evolving.put(List.of(withNote));
        evolving.stop();
        assertThat(db.rows(table)).hasSize(2)
                .anySatisfy(row -> assertThat(row).containsEntry("note", "gift"))
                .anySatisfy(row -> assertThat(row).containsEntry("note", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldCreateTablesFromSchemalessJsonValues(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("json");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", 7L);
        value.put("name", "widget");
        value.put("price", 9.5);
        value.put("active", true);
        value.put("tags", List.of("a", "b"));
        value.put("missing", null);
        Map<String, String> props = upsertConfig(db, "pk.mode", "record_value", "delete.enabled", "false",
                "auto.evolve", "true");
        JdbcSinkTask task = start(props, new FakeSinkContext(false));
        task.put(List.of(new SinkRecord(table, 0, null, null, null, value, 0)));
        Map<String, Object> later = new LinkedHashMap<>(value);
        later.put("price", 12L);      // an integer into the floating-point column fits
        later.put("missing", "now");  // first non-null value: the column appears
        task.put(List.of(new SinkRecord(table, 0, null, null, null, later, 1)));
        task.stop();
        List<Map<String, Object>> rows = db.rows(table);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("name", "widget").containsEntry("tags", "[\"a\",\"b\"]")
                .containsEntry("missing", "now");
        assertThat(((Number) rows.get(0).get("price")).doubleValue()).isEqualTo(12.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldNameFieldColumnAndTypesWhenARecordDoesNotFit(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("typed");
        db.execute("CREATE TABLE \"" + table + "\" (\"id\" BIGINT PRIMARY KEY, \"customer\" TEXT,"
                + " \"amount\" DOUBLE PRECISION)");
        Schema wrong = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("customer", Schema.STRING_SCHEMA)
                .field("amount", Schema.STRING_SCHEMA).build();
        SinkRecord bad = new SinkRecord(table, 0, KEY, new Struct(KEY).put("id", 1L), wrong,
                new Struct(wrong).put("id", 1L).put("customer", "ann").put("amount", "12,50 EUR"), 5);
        JdbcSinkTask task = start(upsertConfig(db, "auto.create", "false"), new FakeSinkContext(false));
        assertThatThrownBy(() -> task.put(List.of(bad))).isInstanceOf(ConnectException.class)
                .hasStackTraceContaining("field 'amount' of record " + table + "-0@5 has Connect type STRING"
                        + " (value 12,50 EUR) but column \"amount\" of table " + table + " is");
        task.stop();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldSendMisfitsToTheDeadLetterQueueAndWriteTheRest(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("dlq");
        Schema valueSchema = SchemaBuilder.struct().field("id", Schema.OPTIONAL_INT64_SCHEMA)
                .field("customer", Schema.STRING_SCHEMA).field("amount", Schema.FLOAT64_SCHEMA).build();
        Schema textAmount = SchemaBuilder.struct().field("id", Schema.OPTIONAL_INT64_SCHEMA)
                .field("customer", Schema.STRING_SCHEMA).field("amount", Schema.STRING_SCHEMA).build();
        List<SinkRecord> records = List.of(
                new SinkRecord(table, 0, null, null, valueSchema,
                        new Struct(valueSchema).put("id", 1L).put("customer", "ann").put("amount", 1.0), 0),
                new SinkRecord(table, 0, null, null, valueSchema,
                        new Struct(valueSchema).put("customer", "nokey").put("amount", 2.0), 1),
                new SinkRecord(table, 0, null, null, textAmount,
                        new Struct(textAmount).put("id", 3L).put("customer", "cid").put("amount", "three"), 2),
                new SinkRecord(table, 0, null, null, valueSchema,
                        new Struct(valueSchema).put("id", 4L).put("customer", "dan").put("amount", 4.0), 3));
        FakeSinkContext dlq = new FakeSinkContext(true);
        JdbcSinkTask task = start(upsertConfig(db, "pk.mode", "record_value", "delete.enabled", "false"), dlq);
        task.put(records);
        task.stop();

        assertThat(orders(db, table)).containsExactly("1|ann|1.0", "4|dan|4.0");
        assertThat(dlq.deadLetters).extracting(r -> r.record().kafkaOffset()).containsExactly(1L, 2L);
        assertThat(dlq.deadLetters.get(0).error()).hasMessageContaining("has a null primary-key field 'id' in its"
                + " value (pk.mode=record_value, pk.fields=[id]");
        assertThat(dlq.deadLetters.get(1).error()).hasMessageContaining("field 'amount'")
                .hasMessageContaining("has Connect type STRING (value three)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldReportARowTheDatabaseRejectsAndCommitTheOthersOfItsBatch(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("checked");
        db.execute("CREATE TABLE \"" + table + "\" (\"id\" BIGINT PRIMARY KEY, \"customer\" TEXT,"
                + " \"amount\" DOUBLE PRECISION CHECK (\"amount\" >= 0))");
        FakeSinkContext dlq = new FakeSinkContext(true);
        JdbcSinkTask task = start(upsertConfig(db, "auto.create", "false", "batch.size", "10"), dlq);
        task.put(List.of(order(table, 1, "ann", 1.0), order(table, 2, "bob", -2.0), order(table, 3, "cid", 3.0)));
        task.put(List.of(order(table, 4, "dan", 4.0)));
        task.stop();
        assertThat(orders(db, table)).containsExactly("1|ann|1.0", "3|cid|3.0", "4|dan|4.0");
        assertThat(dlq.deadLetters).singleElement().satisfies(r -> {
            assertThat(r.record().value()).hasToString(order(table, 2, "bob", -2.0).value().toString());
            assertThat(r.error()).hasMessageStartingWith("The database rejected record " + table + "-0@");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldFailTheTaskWithTheDatabaseMessageWhenNoDeadLetterQueueTakesTheRow(TestDatabase db)
            throws Exception {
        String table = TestDatabase.uniqueTable("strict");
        db.execute("CREATE TABLE \"" + table + "\" (\"id\" BIGINT PRIMARY KEY, \"customer\" TEXT,"
                + " \"amount\" DOUBLE PRECISION CHECK (\"amount\" >= 0))");
        JdbcSinkTask task = start(upsertConfig(db, "auto.create", "false"), new FakeSinkContext(false));
        List<SinkRecord> records = List.of(order(table, 1, "ann", 1.0), order(table, 2, "bob", -2.0));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> task.put(records));
        assertThat(failure).isInstanceOf(ConnectException.class)
                .hasStackTraceContaining("The database rejected record " + table + "-0@");
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString().toLowerCase(java.util.Locale.ROOT)).contains("check constraint");
        task.stop();
        assertThat(db.rows(table)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldReportAMissingKeyFieldPreciselyWithoutTolerance(TestDatabase db) {
        String table = TestDatabase.uniqueTable("nokey");
        Schema noId = SchemaBuilder.struct().field("customer", Schema.STRING_SCHEMA).build();
        SinkRecord record = new SinkRecord(table, 2, null, null, noId, new Struct(noId).put("customer", "x"), 42);
        JdbcSinkTask task = start(upsertConfig(db, "pk.mode", "record_value", "delete.enabled", "false"),
                new FakeSinkContext(false));
        assertThatThrownBy(() -> task.put(List.of(record))).isInstanceOf(ConnectException.class)
                .hasStackTraceContaining("Record " + table + "-2@42 has no primary-key field 'id' in its value"
                        + " (pk.mode=record_value, pk.fields=[id]; the value has fields [customer])");
        task.stop();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldUpdateOnlyExistingRowsInUpdateMode(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("upd");
        JdbcSinkTask seed = start(upsertConfig(db), new FakeSinkContext(false));
        seed.put(List.of(order(table, 1, "ann", 1.0)));
        seed.stop();
        JdbcSinkTask task = start(upsertConfig(db, "insert.mode", "update", "delete.enabled", "false"),
                new FakeSinkContext(false));
        task.put(List.of(order(table, 1, "ann", 5.0), order(table, 2, "bob", 2.0)));
        task.stop();
        assertThat(orders(db, table)).containsExactly("1|ann|5.0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void shouldKeyRowsByKafkaCoordinatesSoReplaysDoNotDuplicate(TestDatabase db) throws Exception {
        String table = TestDatabase.uniqueTable("coords");
        Map<String, String> props = upsertConfig(db, "pk.mode", "kafka", "pk.fields", "", "delete.enabled", "false");
        List<SinkRecord> records = List.of(order(table, 1, "ann", 1.0), order(table, 1, "ann", 2.0));
        for (int run = 0; run < 2; run++) {
            JdbcSinkTask task = start(props, new FakeSinkContext(false));
            task.put(records);
            task.stop();
        }
        List<Map<String, Object>> rows = db.rows(table);
        assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row).containsEntry("__connect_topic", table));
    }

    @Test
    void shouldNotMistakeASameNamedTableInAnotherSchemaForTheTarget() throws Exception {
        TestDatabase db = TestDatabase.postgres();
        String table = TestDatabase.uniqueTable("shadowed");
        db.execute("CREATE SCHEMA IF NOT EXISTS other", "CREATE TABLE other." + table + " (unrelated INTEGER)");
        JdbcSinkTask task = start(upsertConfig(db), new FakeSinkContext(false));
        task.put(List.of(order(table, 1, "ann", 1.0)));
        task.stop();
        assertThat(orders(db, table)).containsExactly("1|ann|1.0");
    }

    @Test
    void shouldRetryAfterTheDatabaseDroppedTheConnectionWithoutReportingMisfitsTwice() throws Exception {
        TestDatabase db = TestDatabase.postgres();
        String table = TestDatabase.uniqueTable("retry");
        FakeSinkContext context = new FakeSinkContext(true);
        JdbcSinkTask task = start(upsertConfig(db, "retry.backoff.ms", "10"), context);
        task.put(List.of(order(table, 1, "ann", 1.0)));
        try (Connection admin = db.connect(); Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                    + " AND datname = current_database() AND backend_type = 'client backend'");
        }
        SinkRecord keyless = new SinkRecord(table, 0, null, null, VALUE,
                new Struct(VALUE).put("id", 9L).put("customer", "x").put("amount", 9.0), offset++);
        List<SinkRecord> next = List.of(keyless, order(table, 2, "bob", 2.0));
        assertThatThrownBy(() -> task.put(next)).isInstanceOf(RetriableException.class);
        assertThat(context.timeouts).containsExactly(10L);
        task.put(next); // the worker redelivers the same records
        task.stop();
        assertThat(orders(db, table)).containsExactly("1|ann|1.0", "2|bob|2.0");
        assertThat(context.deadLetters).extracting(r -> r.record().kafkaOffset())
                .containsExactly(keyless.kafkaOffset());
    }
}
