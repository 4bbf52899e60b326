package dev.rill.connect.internal.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.rill.connect.internal.plugins.PluginDiscovery;

/**
 * The worker configuration, parsed and validated once at start. Accepts the keys of Apache Kafka's
 * {@code connect-standalone.properties}. Invalid values are problems, reported together; keys no worker knows
 * are kept but warned about with the closest known key ({@link #warnings()}), as is a missing
 * {@code bootstrap.servers}.
 *
 * <p>Rill's own keys: {@value #PLUGIN_PATH_MISSING} ({@code error}, the default, or {@code warn}) decides whether a
 * {@code plugin.path} entry that does not exist stops the worker; {@value #KAFKA_STARTUP_TIMEOUT_MS} (default
 * 30000) bounds how long the worker waits at start for Kafka to answer before it gives up.
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
    public static final String PLUGIN_PATH_MISSING = "rill.plugin.path.missing";
    public static final String KAFKA_STARTUP_TIMEOUT_MS = "rill.kafka.startup.timeout.ms";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private final Map<String, String> originals;
    private final String bootstrapServers;
    private final List<String> pluginPath;
    private final PluginDiscovery discovery;
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
    private final boolean bootstrapDefaulted;
    private final long kafkaStartupTimeoutMs;
    private final List<String> warnings = new ArrayList<>();
    private final DistributedConfig distributed;

    private WorkerConfig(Map<String, String> props, List<String> problems, boolean standalone) {
        this.distributed = standalone ? null : new DistributedConfig(props, problems);
        this.originals = Collections.unmodifiableMap(new HashMap<>(props));
        String bootstrap = props.get(BOOTSTRAP_SERVERS);
        this.bootstrapDefaulted = bootstrap == null || bootstrap.isBlank();
        this.bootstrapServers = bootstrapDefaulted ? DEFAULT_BOOTSTRAP_SERVERS : bootstrap.trim();
        if (bootstrapDefaulted) {
            warnings.add(BOOTSTRAP_SERVERS + " is not set; using the default " + DEFAULT_BOOTSTRAP_SERVERS
                    + ". Set " + BOOTSTRAP_SERVERS + " to your Kafka brokers, e.g. " + BOOTSTRAP_SERVERS
                    + "=broker1:9092,broker2:9092");
        }
        this.kafkaStartupTimeoutMs = parseLong(props, KAFKA_STARTUP_TIMEOUT_MS, 30_000L, 1, problems);
        this.pluginPath = splitList(props.get(PLUGIN_PATH));
        checkPluginPath(props, problems);
        checkUnknownKeys(props);
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

    /**
     * Parses distributed worker properties ({@code group.id}, the three storage topics…) beside the common ones,
     * adding every invalid key to {@code problems}.
     */
    public static WorkerConfig distributed(Map<String, String> props, List<String> problems) {
        return new WorkerConfig(props, problems, false);
    }

    /** Parses distributed worker properties, throwing one exception listing every invalid key. */
    public static WorkerConfig distributed(Map<String, String> props) {
        List<String> problems = new ArrayList<>();
        WorkerConfig config = new WorkerConfig(props, problems, false);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("Worker configuration", problems);
        }
        return config;
    }

    /** The distributed keys, null for a standalone worker. */
    public DistributedConfig distributedConfig() {
        return distributed;
    }

    /**
     * Consumer settings a sink task gets before the worker's {@code consumer.*} keys and the connector's overrides.
     * Distributed: a stable {@code group.instance.id} per task, so that a task moved to another worker takes over
     * its partitions at once (the broker replaces the static member instead of waiting for the dead one's session
     * to expire), and Rill's short session timeout. Standalone: none.
     */
    public Map<String, String> sinkConsumerDefaults(String connector, int task) {
        if (distributed == null) {
            return Map.of();
        }
        return Map.of("group.instance.id", distributed.groupId() + "-" + connector + "-" + task,
                "session.timeout.ms", Integer.toString(DistributedConfig.DEFAULT_SESSION_TIMEOUT_MS),
                "heartbeat.interval.ms", Integer.toString(DistributedConfig.DEFAULT_HEARTBEAT_INTERVAL_MS));
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

    /**
     * Parses standalone worker properties, adding every invalid key to {@code problems} instead of throwing, so
     * that the caller can add the problems it finds later (classes missing from the plugins) and report all at once.
     */
    public static WorkerConfig standalone(Map<String, String> props, List<String> problems) {
        return new WorkerConfig(props, problems, true);
    }

    private void checkPluginPath(Map<String, String> props, List<String> problems) {
        String mode = props.getOrDefault(PLUGIN_PATH_MISSING, "error").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("error") && !mode.equals("warn")) {
            problems.add(PLUGIN_PATH_MISSING + ": expected error or warn, found '" + mode + "'");
            mode = "error";
        }
        for (String entry : pluginPath) {
            Path path = Paths.get(entry).toAbsolutePath();
            if (Files.exists(path)) {
                continue;
            }
            if (mode.equals("warn")) {
                warnings.add(PLUGIN_PATH + " entry " + path + " does not exist; it is skipped (" + PLUGIN_PATH_MISSING
                        + "=warn)");
            } else {
                problems.add(PLUGIN_PATH + ": the entry " + path + " does not exist; create it, fix the path, or set "
                        + PLUGIN_PATH_MISSING + "=warn to skip missing entries");
            }
        }
    }

    private void checkUnknownKeys(Map<String, String> props) {
        new java.util.TreeSet<>(props.keySet()).forEach(key -> {
            if (!WorkerConfigKeys.isKnown(key)) {
                String close = WorkerConfigKeys.suggestion(key);
                warnings.add("Unknown worker config key '" + key + "'" + (close == null
                        ? "; it is ignored unless a plugin reads it"
                        : "; did you mean '" + close + "'?"));
            }
        });
    }

    private static String required(Map<String, String> props, String key, String fallback) {
        String value = props.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static PluginDiscovery parseDiscovery(String value, List<String> problems) {
        try {
            return PluginDiscovery.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(PLUGIN_DISCOVERY + ": expected one of only_scan, service_load, hybrid_warn, hybrid_fail, found '"
                    + value + "'");
            return PluginDiscovery.HYBRID_WARN;
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

    static long parseLong(Map<String, String> props, String key, long def, long min, List<String> problems) {
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

    /** What a user should know about this config that does not stop the worker (unknown keys, defaults used). */
    public List<String> warnings() { return List.copyOf(warnings); }
    /** True when bootstrap.servers was not given and {@value #DEFAULT_BOOTSTRAP_SERVERS} is used. */
    public boolean bootstrapDefaulted() { return bootstrapDefaulted; }
    /** How long the worker waits at start for Kafka to answer ({@value #KAFKA_STARTUP_TIMEOUT_MS}). */
    public long kafkaStartupTimeoutMs() { return kafkaStartupTimeoutMs; }
    public Map<String, String> originals() { return originals; }
    public String bootstrapServers() { return bootstrapServers; }
    public List<String> pluginPath() { return pluginPath; }
    public PluginDiscovery discovery() { return discovery; }
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
