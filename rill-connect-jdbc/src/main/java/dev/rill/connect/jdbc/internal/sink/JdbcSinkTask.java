package dev.rill.connect.jdbc.internal.sink;

import dev.rill.connect.jdbc.internal.PluginVersion;
import dev.rill.connect.jdbc.internal.dialect.DatabaseDialect;
import dev.rill.connect.jdbc.internal.dialect.TableId;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@code put()} in one transaction: rows are batched per table and shape, records that do not
 * fit their table go to the errant record reporter (the dead-letter queue under errors.tolerance=all; a
 * task failure under errors.tolerance=none), and transient SQL errors make the worker retry the same
 * records after {@code retry.backoff.ms}, up to {@code max.retries} times.
 */
public class JdbcSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkTask.class);

    private JdbcSinkConfig config;
    private DatabaseDialect dialect;
    private RowExtractor extractor;
    private TableManager tables;
    private final Map<String, TableId> tableByTopic = new HashMap<>();
    private Connection connection;
    private BatchWriter writer;
    private int retriesLeft;
    /**
     * Coordinates of records reported since the last successful commit, so neither the row-by-row second
     * pass nor the worker's redelivery after a transient error reports them again.
     */
    private final java.util.Set<String> reported = new java.util.HashSet<>();

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new JdbcSinkConfig(props);
        dialect = config.connection().dialect();
        extractor = new RowExtractor(config);
        tables = new TableManager(dialect, config.autoCreate(), config.autoEvolve());
        retriesLeft = config.maxRetries();
        LOG.info("JDBC sink writing to {} with {} ({} mode, pk.mode={})", config.connection().url(), dialect.name(),
                config.insertMode(), config.pkMode());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            ensureConnection();
            for (SinkRecord record : records) {
                if (reported.isEmpty() || !reported.contains(SinkRow.coordinates(record))) {
                    write(record);
                }
            }
            writer.flush();
            connection.commit();
            committed();
        } catch (SQLException e) {
            if (dialect.isTransient(e) || !dialect.isRecordError(e) || errantRecordReporter() == null) {
                handleFailure(records, e);
            }
            LOG.warn("The database rejected a row of a batch ({}); writing the {} records one by one to find it",
                    describe(e), records.size());
            rollbackQuietly();
            putOneByOne(records);
        }
    }

    /**
     * Writes each record behind its own savepoint, so a row the database rejects is rolled back alone and
     * reported (to the dead-letter queue under errors.tolerance=all) while the others are committed.
     */
    private void putOneByOne(Collection<SinkRecord> records) {
        try {
            for (SinkRecord record : records) {
                if (reported.contains(SinkRow.coordinates(record))) {
                    continue; // already sent to the dead-letter queue
                }
                java.sql.Savepoint savepoint = connection.setSavepoint();
                try {
                    write(record);
                    writer.flush();
                    releaseQuietly(savepoint);
                } catch (SQLException e) {
                    if (dialect.isTransient(e) || !dialect.isRecordError(e)) {
                        throw e;
                    }
                    writer.discard();
                    connection.rollback(savepoint);
                    report(record, new RecordDoesNotFitException("The database rejected record "
                            + SinkRow.coordinates(record) + ": " + describe(e)));
                }
            }
            connection.commit();
            committed();
        } catch (SQLException e) {
            handleFailure(records, e);
        }
    }

    private void committed() {
        retriesLeft = config.maxRetries();
        reported.clear();
    }

    /** A schema change commits, which ends the savepoint early; there is nothing left to release then. */
    private void releaseQuietly(java.sql.Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException ignored) {
            // see above
        }
    }

    private void rollbackQuietly() {
        tables.clear();
        writer.discard();
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // handled when the connection is used again
        }
    }

    private void write(SinkRecord record) throws SQLException {
        TableId table = tableByTopic.computeIfAbsent(record.topic(), t -> TableId.parse(config.tableName(t)));
        SinkRow row;
        try {
            row = extractor.extract(record, table);
            if (row == null) {
                LOG.debug("Skipping tombstone {} (delete.enabled=false)", SinkRow.coordinates(record));
                return;
            }
            row = tables.fit(connection, row, this::commitPending);
        } catch (RecordDoesNotFitException e) {
            report(record, e);
            return;
        }
        writer.add(row);
    }

    private void commitPending() throws SQLException {
        writer.flush();
        connection.commit();
    }

    private void report(SinkRecord record, RecordDoesNotFitException error) {
        ErrantRecordReporter reporter = errantRecordReporter();
        if (reporter == null) {
            throw new ConnectException(error.getMessage(), error);
        }
        LOG.warn("Reporting record {}: {}", SinkRow.coordinates(record), error.getMessage());
        reported.add(SinkRow.coordinates(record));
        reporter.report(record, error); // throws if errors.tolerance=none, which fails the task
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context == null ? null : context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    private void handleFailure(Collection<SinkRecord> records, SQLException error) {
        String message = describe(error);
        closeConnection();
        if (dialect.isTransient(error) && retriesLeft > 0) {
            retriesLeft--;
            LOG.warn("Transient database error writing {} records, retrying in {} ms ({} retries left): {}",
                    records.size(), config.retryBackoffMs(), retriesLeft, message);
            if (context != null) {
                context.timeout(config.retryBackoffMs());
            }
            throw new RetriableException(message, error);
        }
        throw new ConnectException("Writing " + records.size() + " records to " + config.connection().url()
                + " failed" + (dialect.isTransient(error) ? " after " + config.maxRetries() + " retries" : "")
                + ": " + message, error);
    }

    /** The error with the driver's chained exceptions, which for a batch hold the actual cause. */
    static String describe(SQLException error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        SQLException next = error.getNextException();
        int depth = 0;
        while (next != null && depth++ < 3) {
            text.append(" / ").append(next.getMessage());
            next = next.getNextException();
        }
        if (error instanceof BatchUpdateException) {
            text.append(" (SQLState ").append(error.getSQLState()).append(')');
        }
        return text.toString();
    }

    private void ensureConnection() throws SQLException {
        if (connection != null) {
            return;
        }
        connection = config.connection().open();
        dialect.prepareForWriting(connection);
        connection.setAutoCommit(false);
        writer = new BatchWriter(dialect, config.insertMode(), config.batchSize(), connection);
    }

    private void closeConnection() {
        tables.clear(); // a rollback may have undone DDL: read the tables again
        if (writer != null) {
            writer.discard();
            writer.close();
            writer = null;
        }
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection may already be broken
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // same
            }
            connection = null;
        }
    }

    /** Every put() commits its own transaction, so there is nothing left to flush here. */
    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    }

    @Override
    public void stop() {
        closeConnection();
    }
}
