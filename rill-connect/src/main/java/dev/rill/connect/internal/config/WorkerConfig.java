package dev.rill.connect.internal.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The worker configuration, parsed and validated once at start. Accepts the keys of Apache Kafka's
 * {@code connect-standalone.properties}; unknown keys are kept (they may be client or provider settings).
 */
public final class WorkerConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String PLUGIN_PATH = "plugin.path";
    public static final String PLUGIN_DISCOVERY = "plugin.discovery";
    public static final String KEY_CONVERTER = "key.converter";
    public static final String VALUE_CONVERTER = "value.converter";
    public static final String HEADER_CONVERTER = "header.converter";
    public static final String OFFSET_FILE = "offset.storage.file.filename";
    public static final String OFFSET_FLUSH_INTERVAL_MS = "offset.flush.interval.ms";
    public static final String OFFSET_FLUSH_TIMEOUT_MS = "offset.flush.timeout.ms";
    public static final String LISTENERS = "listeners";
    public static final String REST_HOST_NAME = "rest.host.name";
    public static final String REST_PORT = "rest.port";
    public static final String REST_ADVERTISED_HOST_NAME = "rest.advertised.host.name";
    public static final String REST_ADVERTISED_PORT = "rest.advertised.port";
    public static final String TASK_SHUTDOWN_TIMEOUT_MS = "task.shutdown.graceful.timeout.ms";
    public static final String TOPIC_CREATION_ENABLE = "topic.creation.enable";
    public static final String OVERRIDE_POLICY = "connector.client.config.override.policy";
    public static final String CONFIG_PROVIDERS = "config.providers";

    /** How plugins are discovered on plugin.path (Apache's {@code plugin.discovery} values). */
    public enum Discovery { ONLY_SCAN, SERVICE_LOAD, HYBRID_WARN, HYBRID_FAIL }

    private final Map<String, String> originals;
    private final String bootstrapServers;
    private final List<String> pluginPath;
    private final Discovery discovery;
    private final String keyConverter;
    private final String valueConverter;
    private final String headerConverter;
    private final String offsetFile;
    private final long offsetFlushIntervalMs;
    private final long offsetFlushTimeoutMs;
    private final URI listener;
    private final String advertisedHost;
    private final Integer advertisedPort;
    private final long taskShutdownTimeoutMs;
    private final boolean topicCreationEnable;
    private final String overridePolicy;

    private WorkerConfig(Map<String, String> props, List<String> problems, boolean standalone) {
        this.originals = Collections.unmodifiableMap(new HashMap<>(props));
        this.bootstrapServers = props.getOrDefault(BOOTSTRAP_SERVERS, "localhost:9092").trim();
        this.pluginPath = splitList(props.get(PLUGIN_PATH));
        this.discovery = parseDiscovery(props.getOrDefault(PLUGIN_DISCOVERY, "hybrid_warn"), problems);
        this.keyConverter = required(props, KEY_CONVERTER, "org.apache.kafka.connect.json.JsonConverter");
        this.valueConverter = required(props, VALUE_CONVERTER, "org.apache.kafka.connect.json.JsonConverter");
        this.headerConverter = props.getOrDefault(HEADER_CONVERTER,
                "org.apache.kafka.connect.storage.SimpleHeaderConverter").trim();
        this.offsetFile = props.get(OFFSET_FILE) == null ? null : props.get(OFFSET_FILE).trim();
        if (standalone && (offsetFile == null || offsetFile.isEmpty())) {
            problems.add(OFFSET_FILE + ": expected a file path where standalone mode keeps source offsets, found "
                    + (offsetFile == null ? "no value" : "an empty value") + "; set it, e.g. "
                    + OFFSET_FILE + "=/tmp/connect.offsets");
        }
        this.offsetFlushIntervalMs = parseLong(props, OFFSET_FLUSH_INTERVAL_MS, 60_000L, 1, problems);
        this.offsetFlushTimeoutMs = parseLong(props, OFFSET_FLUSH_TIMEOUT_MS, 5_000L, 1, problems);
        this.taskShutdownTimeoutMs = parseLong(props, TASK_SHUTDOWN_TIMEOUT_MS, 5_000L, 0, problems);
        this.listener = parseListener(props, problems);
        this.advertisedHost = blankToNull(props.get(REST_ADVERTISED_HOST_NAME));
        long advPort = parseLong(props, REST_ADVERTISED_PORT, -1L, -1, problems);
        this.advertisedPort = advPort < 0 ? null : (int) advPort;
        this.topicCreationEnable = parseBoolean(props, TOPIC_CREATION_ENABLE, true, problems);
        this.overridePolicy = props.getOrDefault(OVERRIDE_POLICY, "All").trim();
        if (!List.of("all", "none", "principal").contains(policyAlias(overridePolicy))) {
            problems.add(OVERRIDE_POLICY + ": expected All, None or Principal (or their Apache class names), found '"
                    + overridePolicy + "'");
        }
    }

    /** Parses standalone worker properties, throwing one exception listing every invalid key. */
    public static WorkerConfig standalone(Map<String, String> props) {
        List<String> problems = new ArrayList<>();
        WorkerConfig config = new WorkerConfig(props, problems, true);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("Worker configuration", problems);
        }
        return config;
    }

    private static String required(Map<String, String> props, String key, String fallback) {
        String value = props.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static Discovery parseDiscovery(String value, List<String> problems) {
        try {
            return Discovery.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(PLUGIN_DISCOVERY + ": expected one of only_scan, service_load, hybrid_warn, hybrid_fail, found '"
                    + value + "'");
            return Discovery.HYBRID_WARN;
        }
    }

    private static URI parseListener(Map<String, String> props, List<String> problems) {
        String listeners = props.get(LISTENERS);
        if (listeners == null || listeners.isBlank()) {
            String port = props.get(REST_PORT);
            String host = props.getOrDefault(REST_HOST_NAME, "");
            listeners = "http://" + host.trim() + ":" + (port == null ? "8083" : port.trim());
        }
        String first = splitList(listeners).get(0);
        try {
            URI uri = URI.create(first.replace("://:", "://0.0.0.0:"));
            if (!"http".equalsIgnoreCase(uri.getScheme())) {
                problems.add(LISTENERS + ": only http listeners are supported, found '" + first
                        + "'; use http://host:port");
            }
            if (uri.getPort() < 0) {
                problems.add(LISTENERS + ": expected a port in '" + first + "', e.g. http://:8083");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problems.add(LISTENERS + ": expected a URL like http://:8083, found '" + first + "'");
            return URI.create("http://0.0.0.0:8083");
        }
    }

    private static long parseLong(Map<String, String> props, String key, long def, long min, List<String> problems) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            long parsed = Long.parseLong(v.trim());
            if (parsed < min) {
                problems.add(key + ": expected a number >= " + min + ", found '" + v + "'");
                return def;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(key + ": expected a whole number, found '" + v + "'");
            return def;
        }
    }

    private static boolean parseBoolean(Map<String, String> props, String key, boolean def, List<String> problems) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        if (!v.trim().equalsIgnoreCase("true") && !v.trim().equalsIgnoreCase("false")) {
            problems.add(key + ": expected true or false, found '" + v + "'");
            return def;
        }
        return Boolean.parseBoolean(v.trim());
    }

    static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Maps an override policy value (alias or Apache class name) to all / none / principal. */
    public static String policyAlias(String value) {
        String simple = value.substring(value.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return simple.replace("connectorclientconfigoverridepolicy", "");
    }

    /** Properties with the given prefix, prefix stripped. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new HashMap<>();
        originals.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    public Map<String, String> originals() { return originals; }
    public String bootstrapServers() { return bootstrapServers; }
    public List<String> pluginPath() { return pluginPath; }
    public Discovery discovery() { return discovery; }
    public String keyConverter() { return keyConverter; }
    public String valueConverter() { return valueConverter; }
    public String headerConverter() { return headerConverter; }
    public String offsetFile() { return offsetFile; }
    public long offsetFlushIntervalMs() { return offsetFlushIntervalMs; }
    public long offsetFlushTimeoutMs() { return offsetFlushTimeoutMs; }
    public URI listener() { return listener; }
    public String advertisedHost() { return advertisedHost; }
    public Integer advertisedPort() { return advertisedPort; }
    public long taskShutdownTimeoutMs() { return taskShutdownTimeoutMs; }
    public boolean topicCreationEnable() { return topicCreationEnable; }
    public String overridePolicy() { return policyAlias(overridePolicy); }
}
