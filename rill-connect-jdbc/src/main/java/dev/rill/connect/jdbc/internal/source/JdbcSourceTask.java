package dev.rill.connect.jdbc.internal.source;

import dev.rill.connect.jdbc.internal.PluginVersion;
import dev.rill.connect.jdbc.internal.dialect.DatabaseDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls its tables in turn, each at most every {@code poll.interval.ms} (at once again while a table still
 * has more rows than {@code batch.max.rows}). A transient database error drops the connection and retries
 * that table after {@code connection.backoff.ms}; other errors fail the task.
 */
public class JdbcSourceTask extends SourceTask {
    private static final long MAX_WAIT_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceTask.class);

    private final Object sleeper = new Object();
    private JdbcSourceConfig config;
    private DatabaseDialect dialect;
    private final List<TableQuerier> queriers = new ArrayList<>();
    private Connection connection;
    private volatile boolean stopping;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new JdbcSourceConfig(props);
        dialect = config.connection().dialect();
        if (config.query().isBlank()) {
            for (String table : config.taskTables()) {
                queriers.add(TableQuerier.forTable(dialect, config, table));
            }
        } else {
            queriers.add(TableQuerier.forQuery(dialect, config));
        }
        try {
            java.sql.Timestamp now = dialect.currentTimestamp(connection());
            for (TableQuerier querier : queriers) {
                querier.resumeFrom(context.offsetStorageReader().offset(querier.partition()), now);
                LOG.info("JDBC source reads {} ({}) from {}", querier.name(), config.mode().configValue(),
                        querier.offset());
            }
        } catch (SQLException e) {
            throw new ConnectException("Could not read the database time from " + config.connection().url() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping || queriers.isEmpty()) {
            pause(MAX_WAIT_MS);
            return null;
        }
        TableQuerier next = queriers.stream().min(Comparator.comparingLong(TableQuerier::nextPollAt)).get();
        long wait = next.nextPollAt() - System.currentTimeMillis();
        if (wait > 0) {
            pause(Math.min(wait, MAX_WAIT_MS));
            return null;
        }
        try {
            List<SourceRecord> records = next.poll(connection());
            return records.isEmpty() ? null : records;
        } catch (SQLException e) {
            closeConnection();
            if (stopping) {
                return null;
            }
            if (!dialect.isTransient(e)) {
                throw new ConnectException("Querying " + next.name() + " failed: " + e.getMessage(), e);
            }
            LOG.warn("Transient error querying {}, reconnecting: {}", next.name(), e.getMessage());
            pause(config.getLong(dev.rill.connect.jdbc.internal.ConnectionSettings.BACKOFF_MS));
            return null;
        }
    }

    private synchronized Connection connection() throws SQLException {
        if (connection == null) {
            connection = config.connection().open();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private void pause(long millis) throws InterruptedException {
        synchronized (sleeper) {
            if (!stopping && millis > 0) {
                sleeper.wait(millis);
            }
        }
    }

    private synchronized void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void stop() {
        synchronized (sleeper) {
            stopping = true;
            sleeper.notifyAll();
        }
        // a query in progress fails on the closed connection; poll() then sees stopping and returns quietly
        closeConnection();
    }
}
