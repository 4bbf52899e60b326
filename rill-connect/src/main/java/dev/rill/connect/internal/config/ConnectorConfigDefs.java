package dev.rill.connect.internal.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The framework-level connector configuration keys (those every connector accepts), as Kafka Connect names them. */
public final class ConnectorConfigDefs {
    public static final String NAME = "name";
    public static final String CONNECTOR_CLASS = "connector.class";
    public static final String TASKS_MAX = "tasks.max";
    public static final String TASKS_MAX_ENFORCE = "tasks.max.enforce";
    public static final String KEY_CONVERTER = "key.converter";
    public static final String VALUE_CONVERTER = "value.converter";
    public static final String HEADER_CONVERTER = "header.converter";
    public static final String CONFIG_RELOAD_ACTION = "config.action.reload";
    public static final String TRANSFORMS = "transforms";
    public static final String PREDICATES = "predicates";
    public static final String ERRORS_RETRY_TIMEOUT = "errors.retry.timeout";
    public static final String ERRORS_RETRY_DELAY_MAX_MS = "errors.retry.delay.max.ms";
    public static final String ERRORS_TOLERANCE = "errors.tolerance";
    public static final String ERRORS_LOG_ENABLE = "errors.log.enable";
    public static final String ERRORS_LOG_INCLUDE_MESSAGES = "errors.log.include.messages";
    public static final String TOPICS = "topics";
    public static final String TOPICS_REGEX = "topics.regex";
    public static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";
    public static final String DLQ_REPLICATION_FACTOR = "errors.deadletterqueue.topic.replication.factor";
    public static final String DLQ_CONTEXT_HEADERS = "errors.deadletterqueue.context.headers.enable";
    public static final String TOPIC_CREATION_GROUPS = "topic.creation.groups";
    public static final String EXACTLY_ONCE_SUPPORT = "exactly.once.support";
    public static final String TRANSACTION_BOUNDARY = "transaction.boundary";
    public static final String OFFSETS_STORAGE_TOPIC = "offsets.storage.topic";
    public static final String TRANSACTION_BOUNDARY_INTERVAL_MS = "transaction.boundary.interval.ms";
    public static final String CONNECTOR_PLUGIN_VERSION = "connector.plugin.version";
    /** Appended to a converter, transformation or predicate key: the plugin version to use. */
    public static final String PLUGIN_VERSION_SUFFIX = ".plugin.version";

    public static final String COMMON_GROUP = "Common";
    public static final String TRANSFORMS_GROUP = "Transforms";
    public static final String PREDICATES_GROUP = "Predicates";
    public static final String ERROR_GROUP = "Error Handling";
    public static final String TOPIC_CREATION_GROUP = "Topic Creation";
    public static final String EXACTLY_ONCE_GROUP = "Exactly Once Support";
    public static final String OFFSETS_TOPIC_GROUP = "offsets.topic";

    private ConnectorConfigDefs() {
    }

    /**
     * Keys every connector accepts, with Apache Kafka Connect's names, types, groups and order (REST clients show
     * them in that order). Converter classes are parsed as names (aliases resolve through the plugin loaders); the
     * REST API shows them as {@code CLASS}, see {@link #restType}.
     */
    public static ConfigDef common() {
        ConfigDef def = new ConfigDef()
                .define(NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Globally unique name to use for this connector.", COMMON_GROUP, 1, Width.MEDIUM,
                        "Connector name")
                .define(CONNECTOR_CLASS, Type.STRING, Importance.HIGH,
                        "Name or alias of the class for this connector.", COMMON_GROUP, 2, Width.LONG,
                        "Connector class")
                .define(CONNECTOR_PLUGIN_VERSION, Type.STRING, null, Importance.MEDIUM,
                        "Version of the connector plugin to use; the installed version when not set.",
                        COMMON_GROUP, 3, Width.MEDIUM, "Connector version")
                .define(TASKS_MAX, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.HIGH,
                        "Maximum number of tasks to use for this connector.", COMMON_GROUP, 4, Width.SHORT,
                        "Tasks max")
                .define(TASKS_MAX_ENFORCE, Type.BOOLEAN, true, Importance.LOW,
                        "Whether to fail a connector that generates more task configs than tasks.max.",
                        COMMON_GROUP, 5, Width.SHORT, "Enforce tasks max");
        int order = 6;
        for (String[] converter : new String[][] {{KEY_CONVERTER, "Key"}, {VALUE_CONVERTER, "Value"},
                {HEADER_CONVERTER, "Header"}}) {
            def.define(converter[0], Type.STRING, null, Importance.LOW, converter[1] + " converter class for this "
                            + "connector; the worker's " + converter[0] + " when not set.", COMMON_GROUP, order++,
                    Width.SHORT, converter[1] + " converter class");
            def.define(converter[0] + PLUGIN_VERSION_SUFFIX, Type.STRING, null, Importance.LOW, "Version of the "
                            + converter[0] + " plugin to use; the installed version when not set.", COMMON_GROUP,
                    order++, Width.SHORT, converter[1] + " converter version");
        }
        def.define(TRANSFORMS, Type.LIST, "", Importance.LOW,
                        "Aliases for the transformations to apply to records, in order.", TRANSFORMS_GROUP, 12,
                        Width.LONG, "Transforms")
                .define(PREDICATES, Type.LIST, "", Importance.LOW,
                        "Aliases for the predicates used by transformations.", PREDICATES_GROUP, 13, Width.LONG,
                        "Predicates")
                .define(CONFIG_RELOAD_ACTION, Type.STRING, "restart",
                        ConfigDef.ValidString.in("none", "restart"), Importance.LOW,
                        "What to do when external configuration providers report a change (none or restart).",
                        COMMON_GROUP, 14, Width.MEDIUM, "Reload Action");
        def.define(ERRORS_RETRY_TIMEOUT, Type.LONG, 0L, Importance.MEDIUM,
                        "Maximum time in ms to retry a failed operation; 0 means no retries, -1 retries forever.",
                        ERROR_GROUP, 1, Width.MEDIUM, "Retry Timeout for Errors")
                .define(ERRORS_RETRY_DELAY_MAX_MS, Type.LONG, 60_000L, Importance.MEDIUM,
                        "Maximum delay in ms between consecutive retries.", ERROR_GROUP, 2, Width.MEDIUM,
                        "Maximum Delay Between Retries for Errors")
                .define(ERRORS_TOLERANCE, Type.STRING, "none", ConfigDef.CaseInsensitiveValidString.in("none", "all"),
                        Importance.MEDIUM, "none fails the task on the first error; all skips bad records.",
                        ERROR_GROUP, 3, Width.SHORT, "Error Tolerance")
                .define(ERRORS_LOG_ENABLE, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Log every error with the failed operation.", ERROR_GROUP, 4, Width.SHORT,
                        "Log Errors")
                .define(ERRORS_LOG_INCLUDE_MESSAGES, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Include the failed record in the error log.", ERROR_GROUP, 5, Width.SHORT,
                        "Log Error Details");
        return def;
    }

    /**
     * The type the REST API shows for {@code key}: {@code CLASS} for converter, transformation and predicate classes
     * (as Apache Kafka Connect declares them), the parsed type otherwise.
     */
    public static String restType(ConfigDef.ConfigKey key) {
        String name = key.name;
        boolean classKey = name.equals(KEY_CONVERTER) || name.equals(VALUE_CONVERTER) || name.equals(HEADER_CONVERTER)
                || ((name.startsWith(TRANSFORMS + ".") || name.startsWith(PREDICATES + "."))
                && name.endsWith(".type") && name.indexOf('.') == name.lastIndexOf('.', name.length() - 6));
        return classKey && key.type == Type.STRING ? "CLASS" : key.type.name();
    }

    /** Keys of sink connectors: common keys plus topics and the dead-letter queue. */
    public static ConfigDef sink() {
        ConfigDef def = common();
        def.define(TOPICS, Type.LIST, "", Importance.HIGH,
                        "List of topics to consume, separated by commas.", COMMON_GROUP, 4, Width.LONG, "Topics")
                .define(TOPICS_REGEX, Type.STRING, "", Importance.HIGH,
                        "Regular expression giving the topics to consume.", COMMON_GROUP, 4, Width.LONG,
                        "Topics regex")
                .define(DLQ_TOPIC, Type.STRING, "", Importance.MEDIUM,
                        "Topic receiving records that failed; empty disables the dead-letter queue.",
                        ERROR_GROUP, 6, Width.MEDIUM, "Dead Letter Queue Topic Name")
                .define(DLQ_REPLICATION_FACTOR, Type.SHORT, (short) 3, Importance.MEDIUM,
                        "Replication factor used when creating the dead-letter topic.", ERROR_GROUP, 7,
                        Width.MEDIUM, "Dead Letter Queue Topic Replication Factor")
                .define(DLQ_CONTEXT_HEADERS, Type.BOOLEAN, false, Importance.MEDIUM,
                        "Add the __connect.errors.* context headers to dead-letter records.", ERROR_GROUP, 8,
                        Width.MEDIUM, "Enable Error Context Headers");
        return def;
    }

    /** Keys of source connectors: common keys plus topic creation and exactly-once settings. */
    public static ConfigDef source() {
        ConfigDef def = common();
        def.define(TOPIC_CREATION_GROUPS, Type.LIST, "", Importance.LOW,
                        "Groups of topic creation settings beyond the default group.", TOPIC_CREATION_GROUP, 1,
                        Width.LONG, "Topic Creation Groups")
                .define(EXACTLY_ONCE_SUPPORT, Type.STRING, "requested",
                        ConfigDef.CaseInsensitiveValidString.in("requested", "required"), Importance.MEDIUM,
                        "Whether exactly-once support is required (distributed mode only).", EXACTLY_ONCE_GROUP, 2,
                        Width.SHORT, "Exactly once support")
                .define(TRANSACTION_BOUNDARY, Type.STRING, "poll",
                        ConfigDef.CaseInsensitiveValidString.in("poll", "interval", "connector"), Importance.MEDIUM,
                        "Transaction boundaries for exactly-once sources (distributed mode only).",
                        EXACTLY_ONCE_GROUP, 3, Width.SHORT, "Transaction Boundary")
                .define(TRANSACTION_BOUNDARY_INTERVAL_MS, Type.LONG, null, ConfigDef.LambdaValidator.with(
                                (name, value) -> {
                                    if (value != null && (Long) value < 0) {
                                        throw new org.apache.kafka.common.config.ConfigException(name, value,
                                                "must not be negative");
                                    }
                                }, () -> "null or a non-negative number"), Importance.LOW,
                        "Interval in ms between transactions when transaction.boundary=interval (distributed mode "
                                + "only).", EXACTLY_ONCE_GROUP, 4, Width.SHORT, "Transaction boundary interval")
                .define(OFFSETS_STORAGE_TOPIC, Type.STRING, null, Importance.LOW,
                        "Separate offsets topic (distributed mode only).", OFFSETS_TOPIC_GROUP, 1, Width.LONG,
                        "Offsets topic");
        return def;
    }
}
