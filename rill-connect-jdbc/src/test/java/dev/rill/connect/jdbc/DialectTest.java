package dev.rill.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.connect.jdbc.internal.dialect.ColumnKind;
import dev.rill.connect.jdbc.internal.dialect.ColumnSpec;
import dev.rill.connect.jdbc.internal.dialect.PostgresDialect;
import dev.rill.connect.jdbc.internal.dialect.SqliteDialect;
import dev.rill.connect.jdbc.internal.dialect.TableId;
import dev.rill.connect.jdbc.internal.source.SourceOffset;
import java.sql.Timestamp;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class DialectTest {
    private final PostgresDialect postgres = new PostgresDialect();
    private final SqliteDialect sqlite = new SqliteDialect();

    @Test
    void shouldWriteUpsertsWithOnConflictAndQuotedIdentifiers() {
        assertThat(postgres.upsert(TableId.parse("shop.orders"), List.of("id"), List.of("name", "qty")))
                .isEqualTo("INSERT INTO \"shop\".\"orders\" (\"id\", \"name\", \"qty\") VALUES (?, ?, ?)"
                        + " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"qty\" = EXCLUDED.\"qty\"");
        assertThat(sqlite.upsert(TableId.parse("t"), List.of("id"), List.of()))
                .isEqualTo("INSERT INTO \"t\" (\"id\") VALUES (?) ON CONFLICT (\"id\") DO NOTHING");
        assertThat(postgres.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }

    @Test
    void shouldWriteUpdateDeleteAndDdl() {
        TableId t = TableId.parse("t");
        assertThat(postgres.update(t, List.of("a", "b"), List.of("v")))
                .isEqualTo("UPDATE \"t\" SET \"v\" = ? WHERE \"a\" = ? AND \"b\" = ?");
        assertThat(postgres.delete(t, List.of("a"))).isEqualTo("DELETE FROM \"t\" WHERE \"a\" = ?");
        assertThat(postgres.createTable(t, List.of(new ColumnSpec("id", Schema.INT64_SCHEMA, false),
                new ColumnSpec("price", Decimal.schema(2), true)), List.of("id")))
                .isEqualTo("CREATE TABLE \"t\" (\"id\" BIGINT NOT NULL, \"price\" NUMERIC, PRIMARY KEY (\"id\"))");
        assertThat(sqlite.addColumns(t, List.of(new ColumnSpec("a", Schema.OPTIONAL_BOOLEAN_SCHEMA, true),
                new ColumnSpec("b", Schema.OPTIONAL_FLOAT64_SCHEMA, true))))
                .containsExactly("ALTER TABLE \"t\" ADD COLUMN \"a\" BOOLEAN", "ALTER TABLE \"t\" ADD COLUMN \"b\" REAL");
    }

    @Test
    void shouldAcceptOnlyValuesThatFitAColumnKind() {
        assertThat(ColumnKind.INTEGER.fits(ColumnKind.DECIMAL)).isTrue();
        assertThat(ColumnKind.DECIMAL.fits(ColumnKind.INTEGER)).isFalse();
        assertThat(ColumnKind.TEXT.fits(ColumnKind.DECIMAL)).isFalse();
        assertThat(ColumnKind.BOOLEAN.fits(ColumnKind.INTEGER)).isTrue();
        assertThat(ColumnKind.TEXT.fits(ColumnKind.OTHER)).isTrue();
    }

    @Test
    void shouldStepJustBeforeATimestampAcrossASecondBoundary() {
        Timestamp whole = new Timestamp(5_000);
        Timestamp before = SourceOffset.justBefore(whole);
        assertThat(before.getTime()).isEqualTo(4_999);
        assertThat(before.getNanos()).isEqualTo(999_999_999);
        assertThat(before).isBefore(whole);
        Timestamp fine = new Timestamp(5_000);
        fine.setNanos(1_000);
        assertThat(SourceOffset.justBefore(fine).getNanos()).isEqualTo(999);
    }

    @Test
    void shouldMapLogicalTypesAlikeAndPrimitiveTypesPerDatabase() {
        for (var dialect : List.of(postgres, sqlite)) {
            assertThat(dialect.sqlType(Decimal.schema(2))).isEqualTo("NUMERIC");
            assertThat(dialect.sqlType(org.apache.kafka.connect.data.Date.SCHEMA)).isEqualTo("DATE");
            assertThat(dialect.sqlType(org.apache.kafka.connect.data.Time.SCHEMA)).isEqualTo("TIME");
            assertThat(dialect.sqlType(org.apache.kafka.connect.data.Timestamp.SCHEMA)).isEqualTo("TIMESTAMP");
            assertThat(dialect.sqlType(SchemaBuilder.string().name("io.example.Zoned").build())).isEqualTo("TEXT");
            assertThatThrownBy(() -> dialect.sqlType(SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build()))
                    .isInstanceOf(DataException.class)
                    .hasMessageStartingWith("No SQL column type for Connect type STRUCT;");
        }
        assertThat(postgres.sqlType(Schema.INT8_SCHEMA)).isEqualTo("SMALLINT");
        assertThat(postgres.sqlType(Schema.INT64_SCHEMA)).isEqualTo("BIGINT");
        assertThat(postgres.sqlType(Schema.FLOAT64_SCHEMA)).isEqualTo("DOUBLE PRECISION");
        assertThat(postgres.sqlType(Schema.BYTES_SCHEMA)).isEqualTo("BYTEA");
        assertThat(sqlite.sqlType(Schema.INT64_SCHEMA)).isEqualTo("INTEGER");
        assertThat(sqlite.sqlType(Schema.FLOAT64_SCHEMA)).isEqualTo("REAL");
        assertThat(sqlite.sqlType(Schema.BYTES_SCHEMA)).isEqualTo("BLOB");
    }

    @Test
    void shouldRetrySqliteLockErrorsButNotOtherIoErrors() {
        assertThat(sqlite.isTransient(new org.sqlite.SQLiteException("[SQLITE_BUSY] The database file is locked",
                org.sqlite.SQLiteErrorCode.SQLITE_BUSY))).isTrue();
        assertThat(sqlite.isTransient(new org.sqlite.SQLiteException("[SQLITE_IOERR_RDLOCK] disk I/O error",
                org.sqlite.SQLiteErrorCode.SQLITE_IOERR_RDLOCK))).isTrue();
        assertThat(sqlite.isTransient(new org.sqlite.SQLiteException("[SQLITE_IOERR_SHMLOCK] disk I/O error",
                org.sqlite.SQLiteErrorCode.SQLITE_IOERR_SHMLOCK))).isTrue();
        assertThat(sqlite.isTransient(new org.sqlite.SQLiteException("[SQLITE_IOERR_WRITE] disk I/O error",
                org.sqlite.SQLiteErrorCode.SQLITE_IOERR_WRITE))).isFalse();
        assertThat(sqlite.isTransient(new org.sqlite.SQLiteException("[SQLITE_FULL] database or disk is full",
                org.sqlite.SQLiteErrorCode.SQLITE_FULL))).isFalse();
        // a batch's failure arrives as a BatchUpdateException naming the SQLite code in its message only
        assertThat(sqlite.isTransient(new java.sql.BatchUpdateException(
                "batch entry 0: [SQLITE_IOERR_RDLOCK] disk I/O error", new int[0]))).isTrue();
        java.sql.SQLException wrapped = new java.sql.SQLException("batch failed");
        wrapped.setNextException(new org.sqlite.SQLiteException("[SQLITE_LOCKED] table is locked",
                org.sqlite.SQLiteErrorCode.SQLITE_LOCKED));
        assertThat(sqlite.isTransient(wrapped)).isTrue();
    }

    @Test
    void shouldSwitchASqliteDatabaseToWalModeOnceForWriting(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("wal.db");
        try (java.sql.Connection writer = sqlite.connect(url, new java.util.Properties())) {
            writer.setAutoCommit(false);
            sqlite.prepareForWriting(writer);
            assertThat(writer.getAutoCommit()).as("the writer's transaction mode is kept").isFalse();
        }
        try (java.sql.Connection reader = sqlite.connect(url, new java.util.Properties());
             java.sql.Statement statement = reader.createStatement();
             java.sql.ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).as("stored in the file").isEqualTo("wal");
            sqlite.prepareForWriting(reader); // already WAL: nothing to do
        }
    }
}
