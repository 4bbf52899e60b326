package dev.rill.connect.internal.config;

import static dev.rill.connect.internal.config.ConnectorConfigDefs.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A connector's framework-level settings, parsed from its (already provider-resolved) configuration. */
public final class ConnectorConfig {
    private final Map<String, String> props;
    private final Map<String, Object> parsed;
    private final boolean sink;

    private ConnectorConfig(Map<String, String> props, Map<String, Object> parsed, boolean sink) {
        this.props = Map.copyOf(props);
        this.parsed = parsed;
        this.sink = sink;
    }

    /** Parses the framework keys; throws {@link ConfigException} naming the key and value at fault. */
    public static ConnectorConfig parse(Map<String, String> props, boolean sink) {
        ConfigDef def = sink ? ConnectorConfigDefs.sink() : ConnectorConfigDefs.source();
        return new ConnectorConfig(props, def.parse(props), sink);
    }

    public Map<String, String> props() { return props; }
    public boolean isSink() { return sink; }
    public String name() { return (String) parsed.get(NAME); }
    public String connectorClass() { return (String) parsed.get(CONNECTOR_CLASS); }
    public int tasksMax() { return (Integer) parsed.get(TASKS_MAX); }
    public boolean tasksMaxEnforce() { return (Boolean) parsed.get(TASKS_MAX_ENFORCE); }
    public String keyConverter() { return (String) parsed.get(KEY_CONVERTER); }
    public String valueConverter() { return (String) parsed.get(VALUE_CONVERTER); }
    public String headerConverter() { return (String) parsed.get(HEADER_CONVERTER); }
    public long errorsRetryTimeoutMs() { return (Long) parsed.get(ERRORS_RETRY_TIMEOUT); }
    public long errorsRetryDelayMaxMs() { return (Long) parsed.get(ERRORS_RETRY_DELAY_MAX_MS); }
    public boolean toleratesAll() { return "all".equals(((String) parsed.get(ERRORS_TOLERANCE)).toLowerCase(Locale.ROOT)); }
    /** {@code transaction.boundary} of a source connector: poll, interval or connector (lower case). */
    public String transactionBoundary() {
        return sink ? "poll" : ((String) parsed.get(TRANSACTION_BOUNDARY)).trim().toLowerCase(Locale.ROOT);
    }

    /** {@code transaction.boundary.interval.ms} of a source connector, or null (then the worker's flush interval). */
    public Long transactionBoundaryIntervalMs() {
        return sink ? null : (Long) parsed.get(TRANSACTION_BOUNDARY_INTERVAL_MS);
    }

    /** {@code exactly.once.support} of a source connector: requested or required (lower case). */
    public String exactlyOnceSupport() {
        return sink ? "requested" : ((String) parsed.get(EXACTLY_ONCE_SUPPORT)).trim().toLowerCase(Locale.ROOT);
    }

    public boolean errorsLogEnable() { return (Boolean) parsed.get(ERRORS_LOG_ENABLE); }
    public boolean errorsLogIncludeMessages() { return (Boolean) parsed.get(ERRORS_LOG_INCLUDE_MESSAGES); }

    @SuppressWarnings("unchecked")
    public List<String> transforms() { return (List<String>) parsed.get(TRANSFORMS); }

    @SuppressWarnings("unchecked")
    public List<String> predicates() { return (List<String>) parsed.get(PREDICATES); }

    @SuppressWarnings("unchecked")
    public List<String> topics() { return sink ? (List<String>) parsed.get(TOPICS) : List.of(); }

    public String topicsRegex() { return sink ? (String) parsed.get(TOPICS_REGEX) : ""; }
    public String dlqTopic() { return sink ? ((String) parsed.get(DLQ_TOPIC)).trim() : ""; }
    public short dlqReplicationFactor() { return sink ? (Short) parsed.get(DLQ_REPLICATION_FACTOR) : 3; }
    public boolean dlqContextHeaders() { return sink && (Boolean) parsed.get(DLQ_CONTEXT_HEADERS); }

    @SuppressWarnings("unchecked")
    public List<String> topicCreationGroups() {
        return sink ? List.of() : (List<String>) parsed.get(TOPIC_CREATION_GROUPS);
    }

    /** Keys with the given prefix, prefix stripped. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new HashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Sink topics check shared by validation and start: exactly one of topics / topics.regex. */
    public static List<String> sinkTopicProblems(Map<String, String> props) {
        String topics = props.getOrDefault(TOPICS, "").trim();
        String regex = props.getOrDefault(TOPICS_REGEX, "").trim();
        List<String> problems = new ArrayList<>();
        if (topics.isEmpty() && regex.isEmpty()) {
            problems.add("Must configure one of topics or topics.regex");
        } else if (!topics.isEmpty() && !regex.isEmpty()) {
            problems.add("topics and topics.regex are mutually exclusive; configure only one of them");
        }
        return problems;
    }
}
