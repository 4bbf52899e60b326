package dev.rill.connect.jdbc;

import dev.rill.connect.jdbc.internal.sink.JdbcSinkTask;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Rows per second one JDBC sink task writes into an embedded PostgreSQL: insert and upsert modes, rows of
 * about 100 bytes, several batch sizes. Records are prepared up front, so only put() is timed.
 *
 * <p>Run: {@code mvn -pl rill-connect-jdbc test-compile exec:java} is not wired; use
 * {@code java -cp "$(cat cp.txt):target/classes:target/test-classes" dev.rill.connect.jdbc.JdbcSinkBenchmark
 * [rows] [repeats] [modes] [rewrite]} after {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class JdbcSinkBenchmark {
    private static final Schema KEY = SchemaBuilder.struct().name("Key").field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("Payment")
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", Schema.STRING_SCHEMA)
            .field("amount", Schema.FLOAT64_SCHEMA)
            .field("currency", Schema.STRING_SCHEMA)
            .field("ts", Schema.INT64_SCHEMA)
            .field("note", Schema.STRING_SCHEMA)
            .build();
    private static final int PUT_SIZE = 5000;

    private JdbcSinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> modes = args.length > 2 ? List.of(args[2].split(",")) : List.of("insert", "upsert", "upsert-updates");
        List<Boolean> rewrites = args.length > 3 ? List.of(Boolean.parseBoolean(args[3])) : List.of(false, true);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String plainUrl = postgres.getJdbcUrl("postgres", "postgres");
            System.out.printf("JDBC sink benchmark: %d rows per run (~100-byte rows), put() of %d records, median"
                    + " of %d runs, PostgreSQL %s embedded%n", rows, PUT_SIZE, repeats, version(postgres));
            System.out.println("| mode | batch.size | reWriteBatchedInserts | rows/s (median) | min–max |");
            System.out.println("|---|---:|---|---:|---|");
            for (String mode : modes) {
                for (boolean rewrite : rewrites) {
                    for (int batch : List.of(100, 1000, 5000)) {
                        String url = plainUrl + "&reWriteBatchedInserts=" + rewrite;
                        double[] rates = new double[repeats];
                        for (int r = 0; r < repeats; r++) {
                            rates[r] = run(postgres, url, mode, batch, rows);
                        }
                        Arrays.sort(rates);
                        System.out.printf("| %s | %d | %s | %,.0f | %,.0f–%,.0f |%n", mode, batch, rewrite,
                                rates[repeats / 2], rates[0], rates[repeats - 1]);
                    }
                }
            }
        }
    }

    private static String version(EmbeddedPostgres postgres) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double run(EmbeddedPostgres postgres, String url, String mode, int batch, int rows)
            throws Exception {
        String table = "bench_" + mode.replace('-', '_') + "_" + batch + "_" + System.nanoTime();
        boolean updates = mode.equals("upsert-updates");
        List<List<SinkRecord>> puts = records(table, rows, updates);
        Map<String, String> props = new HashMap<>(Map.of("connection.url", url, "insert.mode",
                mode.startsWith("upsert") ? "upsert" : "insert", "pk.mode", "record_key", "pk.fields", "id",
                "auto.create", "true", "batch.size", Integer.toString(batch)));
        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(new FakeSinkContext(false));
        task.start(props);
        task.put(puts.get(0)); // creates the table; not timed
        if (updates) {
            for (List<SinkRecord> put : puts.subList(1, puts.size() / 2 + 1)) {
                task.put(put); // the first half inserts the keys the timed half updates
            }
        }
        List<List<SinkRecord>> timed = updates ? puts.subList(puts.size() / 2 + 1, puts.size())
                : puts.subList(1, puts.size());
        long count = timed.stream().mapToLong(List::size).sum();
        long start = System.nanoTime();
        for (List<SinkRecord> put : timed) {
            task.put(put);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        task.stop();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"");
            rs.next();
            long expected = updates ? rows / 2 + PUT_SIZE : rows + PUT_SIZE;
            if (rs.getLong(1) != expected) {
                throw new IllegalStateException("table " + table + " has " + rs.getLong(1) + " rows, expected "
                        + expected);
            }
            s.execute("DROP TABLE \"" + table + "\"");
        }
        return count / seconds;
    }

    /** Puts of PUT_SIZE records; with updates the second half repeats the first half's keys. */
    private static List<List<SinkRecord>> records(String topic, int rows, boolean updates) {
        List<List<SinkRecord>> puts = new ArrayList<>();
        List<SinkRecord> current = new ArrayList<>();
        for (int i = 0; i < rows + PUT_SIZE; i++) {
            long id = updates ? i % (rows / 2 + PUT_SIZE) : i;
            Struct value = new Struct(VALUE).put("id", id).put("customer", "customer-" + (i % 1000))
                    .put("amount", (i % 100_000) / 100.0).put("currency", "EUR").put("ts", 1_700_000_000_000L + i)
                    .put("note", "x".repeat(40));
            current.add(new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), VALUE, value, i));
            if (current.size() == PUT_SIZE) {
                puts.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            puts.add(current);
        }
        return puts;
    }
}
