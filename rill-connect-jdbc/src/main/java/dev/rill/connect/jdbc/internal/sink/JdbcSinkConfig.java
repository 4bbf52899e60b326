package dev.rill.connect.jdbc.internal.sink;

import dev.rill.connect.jdbc.internal.ConfigProblems;
import dev.rill.connect.jdbc.internal.ConnectionSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The JDBC sink's configuration: parsed once, every invalid combination reported in one exception. */
public final class JdbcSinkConfig extends AbstractConfig {
    public static final String TABLE_NAME_FORMAT = "table.name.format";
    public static final String INSERT_MODE = "insert.mode";
    public static final String PK_MODE = "pk.mode";
    public static final String PK_FIELDS = "pk.fields";
    public static final String FIELDS_WHITELIST = "fields.whitelist";
    public static final String AUTO_CREATE = "auto.create";
    public static final String AUTO_EVOLVE = "auto.evolve";
    public static final String DELETE_ENABLED = "delete.enabled";
    public static final String BATCH_SIZE = "batch.size";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String DEFAULT_KEY_COLUMN = "__connect_key";
    public static final List<String> DEFAULT_KAFKA_COLUMNS =
            List.of("__connect_topic", "__connect_partition", "__connect_offset");

    public static final ConfigDef DEFINITION = ConnectionSettings.define(new ConfigDef())
            .define(TABLE_NAME_FORMAT, Type.STRING, "${topic}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Destination table name; ${topic} is replaced by the record's topic. 'schema.table' selects"
                            + " a schema.")
            .define(INSERT_MODE, Type.STRING, "insert", ConfigDef.CaseInsensitiveValidString.in(
                    "insert", "upsert", "update"), Importance.HIGH,
                    "insert: plain INSERT; upsert: insert or update on the primary key (idempotent, safe to"
                            + " replay); update: UPDATE existing rows only.")
            .define(PK_MODE, Type.STRING, "none", ConfigDef.CaseInsensitiveValidString.in(
                    "none", "kafka", "record_key", "record_value"), Importance.HIGH,
                    "Source of the primary key: none, kafka (topic, partition, offset), record_key or"
                            + " record_value.")
            .define(PK_FIELDS, Type.LIST, "", Importance.MEDIUM,
                    "Key column names. kafka: three names for topic, partition, offset (default"
                            + " __connect_topic,__connect_partition,__connect_offset); record_key: for a primitive"
                            + " key one column name (default __connect_key), for a struct/map key the fields to use"
                            + " (default all); record_value: the value fields forming the key (default all).")
            .define(FIELDS_WHITELIST, Type.LIST, "", Importance.MEDIUM,
                    "Value fields to write (key columns are always written); empty = all fields.")
            .define(AUTO_CREATE, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Create a missing table from the record's schema (or its schemaless JSON value).")
            .define(AUTO_EVOLVE, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Add columns for record fields the table does not have yet (as nullable columns).")
            .define(DELETE_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Turn tombstones (null values) into DELETEs by key; needs pk.mode=record_key.")
            .define(BATCH_SIZE, Type.INT, 3000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Rows sent to the database in one JDBC batch; every put() is one transaction.")
            .define(MAX_RETRIES, Type.INT, 10, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Retries of a put() after a transient SQL error before the task fails.")
            .define(RETRY_BACKOFF_MS, Type.INT, 3000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Wait before a retry, in milliseconds.");

    private final ConnectionSettings connection;
    private final InsertMode insertMode;
    private final PrimaryKeyMode pkMode;

    public JdbcSinkConfig(Map<String, String> props) {
        super(DEFINITION, props);
        ConfigProblems problems = new ConfigProblems();
        connection = ConnectionSettings.from(this, problems);
        insertMode = InsertMode.valueOf(getString(INSERT_MODE).toUpperCase(Locale.ROOT));
        pkMode = PrimaryKeyMode.valueOf(getString(PK_MODE).toUpperCase(Locale.ROOT));
        if (insertMode != InsertMode.INSERT && pkMode == PrimaryKeyMode.NONE) {
            problems.add(INSERT_MODE, INSERT_MODE + "=" + getString(INSERT_MODE) + " needs a primary key but " + PK_MODE
                    + "=none; set pk.mode to record_key, record_value or kafka");
        }
        if (deleteEnabled() && pkMode != PrimaryKeyMode.RECORD_KEY) {
            problems.add(DELETE_ENABLED, DELETE_ENABLED + "=true needs " + PK_MODE + "=record_key (a tombstone only has a key) but "
                    + PK_MODE + "=" + getString(PK_MODE));
        }
        if (pkMode == PrimaryKeyMode.KAFKA && !pkFields().isEmpty() && pkFields().size() != 3) {
            problems.add(PK_FIELDS, PK_FIELDS + "=" + pkFields() + " with pk.mode=kafka must name 3 columns (topic, partition,"
                    + " offset) or be empty for the defaults " + DEFAULT_KAFKA_COLUMNS);
        }
        if (pkMode == PrimaryKeyMode.NONE && !pkFields().isEmpty()) {
            problems.add(PK_FIELDS, PK_FIELDS + "=" + pkFields() + " has no effect with pk.mode=none; set pk.mode or remove"
                    + " pk.fields");
        }
        problems.throwIfAny("JDBC sink configuration");
    }

    public ConnectionSettings connection() {
        return connection;
    }

    public String tableName(String topic) {
        return getString(TABLE_NAME_FORMAT).replace("${topic}", topic);
    }

    public InsertMode insertMode() {
        return insertMode;
    }

    public PrimaryKeyMode pkMode() {
        return pkMode;
    }

    public List<String> pkFields() {
        return getList(PK_FIELDS);
    }

    public List<String> fieldsWhitelist() {
        return getList(FIELDS_WHITELIST);
    }

    public boolean autoCreate() {
        return getBoolean(AUTO_CREATE);
    }

    public boolean autoEvolve() {
        return getBoolean(AUTO_EVOLVE);
    }

    public boolean deleteEnabled() {
        return getBoolean(DELETE_ENABLED);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public int retryBackoffMs() {
        return getInt(RETRY_BACKOFF_MS);
    }
}
