package dev.rill.connect.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A real database for tests: SQLite in a temporary file, or one embedded PostgreSQL shared by the JVM. */
abstract class TestDatabase {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    abstract String url();

    abstract String name();

    @Override
    public String toString() {
        return name();
    }

    /** A table name no other test uses. */
    static String uniqueTable(String prefix) {
        return prefix + "_" + TABLES.incrementAndGet();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "postgres");
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** All rows ordered by the first column, each as column name → value (column names lower-cased). */
    List<Map<String, Object>> rows(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static TestDatabase sqlite() {
        try {
            Path file = Files.createTempFile("rill-jdbc-", ".db");
            file.toFile().deleteOnExit();
            return new TestDatabase() {
                @Override
                String url() {
                    return "jdbc:sqlite:" + file;
                }

                @Override
                String name() {
                    return "sqlite";
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized TestDatabase postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String url = postgres.getJdbcUrl("postgres", "postgres");
        return new TestDatabase() {
            @Override
            String url() {
                return url;
            }

            @Override
            String name() {
                return "postgres";
            }
        };
    }

    static List<TestDatabase> both() {
        return List.of(sqlite(), postgres());
    }
}
