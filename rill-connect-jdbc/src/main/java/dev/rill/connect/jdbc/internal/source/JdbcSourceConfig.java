package dev.rill.connect.jdbc.internal.source;

import dev.rill.connect.jdbc.internal.ConfigProblems;
import dev.rill.connect.jdbc.internal.ConnectionSettings;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The JDBC source's configuration: parsed once, every invalid combination reported in one exception. */
public final class JdbcSourceConfig extends AbstractConfig {
    public static final String MODE = "mode";
    public static final String TABLE_WHITELIST = "table.whitelist";
    public static final String QUERY = "query";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    public static final String INCREMENTING_COLUMN = "incrementing.column.name";
    public static final String TIMESTAMP_COLUMN = "timestamp.column.name";
    public static final String TIMESTAMP_DELAY_MS = "timestamp.delay.interval.ms";
    public static final String TIMESTAMP_INITIAL = "timestamp.initial";
    /** Set by the connector: the tables this task reads. */
    public static final String TASK_TABLES = "tables";

    public static final ConfigDef DEFINITION = ConnectionSettings.define(new ConfigDef())
            .define(MODE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.CaseInsensitiveValidString.in(
                    "bulk", "incrementing", "timestamp", "timestamp+incrementing"), Importance.HIGH,
                    "bulk: whole table each poll; incrementing: new rows by a strictly increasing column;"
                            + " timestamp: new and updated rows by a timestamp column; timestamp+incrementing:"
                            + " both, the only mode that resumes exactly after a restart with updates.")
            .define(TABLE_WHITELIST, Type.LIST, "", Importance.HIGH,
                    "Tables to copy (one topic per table: topic.prefix + table). Set this or query.")
            .define(QUERY, Type.STRING, "", Importance.MEDIUM,
                    "A SELECT to copy instead of tables; the mode's conditions are applied to its result. Its"
                            + " records go to the topic named by topic.prefix.")
            .define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Prefix of the topic names (the whole topic name in query mode).")
            .define(POLL_INTERVAL_MS, Type.INT, 5000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "How often each table is queried for new rows, in milliseconds.")
            .define(BATCH_MAX_ROWS, Type.INT, 100, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Maximum rows returned by one poll for one table.")
            .define(INCREMENTING_COLUMN, Type.STRING, "", Importance.MEDIUM,
                    "Strictly increasing column (e.g. a serial id); needed by the incrementing modes.")
            .define(TIMESTAMP_COLUMN, Type.STRING, "", Importance.MEDIUM,
                    "Column holding the row's last-modified time; needed by the timestamp modes.")
            .define(TIMESTAMP_DELAY_MS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Rows are read only once their timestamp is this much older than the database clock, giving"
                            + " slow transactions time to commit.")
            .define(TIMESTAMP_INITIAL, Type.LONG, 0L, Importance.LOW,
                    "Epoch milliseconds to start from when there is no stored offset (timestamp modes);"
                            + " -1 = the current time.")
            .define(TASK_TABLES, Type.LIST, "", Importance.LOW, "Internal: the tables a task reads.");

    private final ConnectionSettings connection;
    private final SourceMode mode;

    public JdbcSourceConfig(Map<String, String> props) {
        super(DEFINITION, props);
        ConfigProblems problems = new ConfigProblems();
        connection = ConnectionSettings.from(this, problems);
        mode = SourceMode.parse(getString(MODE));
        boolean hasQuery = !query().isBlank();
        boolean hasTables = !getList(TABLE_WHITELIST).isEmpty();
        if (hasQuery == hasTables) {
            problems.add(TABLE_WHITELIST, "set exactly one of " + TABLE_WHITELIST + " (found " + getList(TABLE_WHITELIST) + ") and "
                    + QUERY + " (found '" + query() + "')");
        }
        if (mode.usesIncrementing() && incrementingColumn().isBlank()) {
            problems.add(INCREMENTING_COLUMN, MODE + "=" + mode.configValue() + " needs " + INCREMENTING_COLUMN);
        }
        if (mode.usesTimestamp() && timestampColumn().isBlank()) {
            problems.add(TIMESTAMP_COLUMN, MODE + "=" + mode.configValue() + " needs " + TIMESTAMP_COLUMN);
        }
        if (timestampColumn().contains(",")) {
            problems.add(TIMESTAMP_COLUMN, TIMESTAMP_COLUMN + "=" + timestampColumn() + " names several columns; this connector"
                    + " supports one timestamp column (use a view with COALESCE for several)");
        }
        problems.throwIfAny("JDBC source configuration");
    }

    public ConnectionSettings connection() {
        return connection;
    }

    public SourceMode mode() {
        return mode;
    }

    public List<String> tables() {
        return getList(TABLE_WHITELIST);
    }

    /** The tables assigned to this task (set by the connector), else the whitelist. */
    public List<String> taskTables() {
        List<String> assigned = getList(TASK_TABLES);
        return assigned.isEmpty() ? tables() : assigned;
    }

    public String query() {
        return getString(QUERY);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    public int pollIntervalMs() {
        return getInt(POLL_INTERVAL_MS);
    }

    public int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS);
    }

    public String incrementingColumn() {
        return getString(INCREMENTING_COLUMN);
    }

    public String timestampColumn() {
        return getString(TIMESTAMP_COLUMN);
    }

    public long timestampDelayMs() {
        return getLong(TIMESTAMP_DELAY_MS);
    }

    public long timestampInitial() {
        return getLong(TIMESTAMP_INITIAL);
    }
}
