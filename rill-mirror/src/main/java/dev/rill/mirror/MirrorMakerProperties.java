package dev.rill.mirror;

import dev.rill.mirror.internal.MirrorConnectorConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigValue;

/**
 * MirrorMaker 2's {@code mm2.properties}, parsed and validated in one place into the flows to run.
 *
 * <p>Understood as MM2 does: {@code clusters = A, B}; per cluster {@code A.bootstrap.servers} and any other
 * {@code A.<client setting>} (also {@code A.consumer.*}, {@code A.producer.*}, {@code A.admin.*}); flows enabled
 * with {@code A->B.enabled = true}; flow settings at the top level ({@code topics}, {@code topics.exclude},
 * {@code groups}, {@code groups.exclude}, {@code tasks.max} (a cap; the source connector's defaults to
 * {@link #DEFAULT_SOURCE_TASKS_MAX}, the others' to 1), {@code replication.factor},
 * {@code replication.policy.class}, {@code replication.policy.separator}, {@code sync.topic.configs.enabled},
 * {@code emit.heartbeats.enabled}, {@code emit.checkpoints.enabled}, {@code sync.group.offsets.enabled},
 * {@code refresh.topics.interval.seconds}, …) overridden per flow by {@code A->B.<setting>}; top-level
 * {@code security.*}, {@code ssl.*} and {@code sasl.*} apply to every cluster that does not set its own.
 *
 * <pre>{@code
 * MirrorMakerProperties mm2 = MirrorMakerProperties.load(Path.of("mm2.properties"));
 * for (MirrorFlow flow : mm2.flows()) {
 *     // run flow.connectors() on a Connect worker whose bootstrap.servers is mm2.cluster(flow.target())
 * }
 * }</pre>
 *
 * Invalid files throw {@link MirrorConfigException} listing every problem: a flow naming an unknown cluster, a
 * flow from a cluster to itself, a cluster of an enabled flow without {@code bootstrap.servers}, a value of the
 * wrong type.
 */
public final class MirrorMakerProperties {
    private static final Pattern FLOW_KEY = Pattern.compile("^([^.]+?)->([^.]+?)\\.(.+)$");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_\\-]+");
    private static final List<String> INHERITED_CLIENT_PREFIXES = List.of("security.", "ssl.", "sasl.");
    private static final String BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

    /**
     * The Kafka Connect distributed-worker settings a dedicated mirror process takes from the file, at the top level
     * (every target) or per target cluster ({@code B.group.id}), as MirrorMaker 2 lets them be set.
     */
    static final Set<String> WORKER_KEYS = Set.of("group.id", "config.storage.topic",
            "config.storage.replication.factor", "offset.storage.topic", "offset.storage.partitions",
            "offset.storage.replication.factor", "status.storage.topic", "status.storage.partitions",
            "status.storage.replication.factor", "exactly.once.source.support", "offset.flush.interval.ms",
            "offset.flush.timeout.ms", "heartbeat.interval.ms", "session.timeout.ms", "rebalance.timeout.ms",
            "scheduled.rebalance.max.delay.ms", "connect.protocol", "task.shutdown.graceful.timeout.ms",
            "listeners", "rest.advertised.host.name", "rest.advertised.port", "rest.advertised.listener",
            "inter.worker.key.generation.algorithm", "inter.worker.key.size", "inter.worker.key.ttl.ms",
            "inter.worker.signature.algorithm", "inter.worker.verification.algorithms");

    /**
     * {@code tasks.max} of a flow's source connector when mm2.properties sets none: a cap, not a count (the
     * connector runs one task per replicated partition up to it). Fixed rather than derived from the machine, so
     * a file gives the same plan everywhere; see docs/mirror.md for the reasoning. The checkpoint and heartbeat
     * connectors keep 1.
     */
    public static final int DEFAULT_SOURCE_TASKS_MAX = 8;

    /**
     * {@code transaction.boundary.interval.ms} of a flow's source connector when mm2.properties sets none (with
     * {@code transaction.boundary = interval}): how long replicated records wait, at most, before a
     * {@code read_committed} consumer on the target sees them.
     */
    public static final int TRANSACTION_INTERVAL_MS = 200;

    private final List<String> clusters;
    private final Map<String, Map<String, String>> clusterConfigs;
    private final Map<String, String> topLevelWorker;
    private final List<MirrorFlow> flows;

    private MirrorMakerProperties(List<String> clusters, Map<String, Map<String, String>> clusterConfigs,
                                  Map<String, String> topLevelWorker, List<MirrorFlow> flows) {
        this.clusters = List.copyOf(clusters);
        this.clusterConfigs = Map.copyOf(clusterConfigs);
        this.topLevelWorker = Map.copyOf(topLevelWorker);
        this.flows = List.copyOf(flows);
    }

    /** Reads and parses an mm2.properties file. */
    public static MirrorMakerProperties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> props = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> props.put(k, properties.getProperty(k)));
        return parse(file.toString(), props);
    }

    /** Parses MirrorMaker 2 properties; {@code source} names them in error messages (e.g. the file name). */
    public static MirrorMakerProperties parse(String source, Map<String, String> props) {
        List<String> problems = new ArrayList<>();
        List<String> clusters = clusters(props, problems);
        Set<String> known = new LinkedHashSet<>(clusters);

        Map<String, String> topLevel = new TreeMap<>();
        Map<String, Map<String, String>> clusterConfigs = new LinkedHashMap<>();
        Map<String, Map<String, String>> flowConfigs = new LinkedHashMap<>();
        clusters.forEach(c -> clusterConfigs.put(c, new TreeMap<>()));
        for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim();
            Matcher flow = FLOW_KEY.matcher(key);
            if (key.equals("clusters")) {
                continue;
            }
            if (flow.matches()) {
                String from = flow.group(1).trim();
                String to = flow.group(2).trim();
                checkFlowAliases(key, from, to, known, problems);
                flowConfigs.computeIfAbsent(from + "->" + to, f -> new TreeMap<>()).put(flow.group(3), value);
                continue;
            }
            String alias = clusterOf(key, known);
            if (alias != null) {
                clusterConfigs.get(alias).put(key.substring(alias.length() + 1), value);
            } else if (key.endsWith(".bootstrap.servers")) {
                String named = key.substring(0, key.length() - ".bootstrap.servers".length());
                problems.add(key + " sets the address of cluster '" + named + "', which is not in clusters = "
                        + String.join(", ", clusters) + "; add it to clusters or remove the line");
            } else {
                topLevel.put(key, value);
            }
        }
        for (Map<String, String> cluster : clusterConfigs.values()) {
            topLevel.forEach((k, v) -> {
                if (INHERITED_CLIENT_PREFIXES.stream().anyMatch(k::startsWith)) {
                    cluster.putIfAbsent(k, v);
                }
            });
        }

        List<MirrorFlow> flows = new ArrayList<>();
        Set<String> missingBootstrap = new LinkedHashSet<>();
        for (String from : clusters) {
            for (String to : clusters) {
                Map<String, String> flowConfig = flowConfigs.getOrDefault(from + "->" + to, Map.of());
                String enabled = flowConfig.getOrDefault("enabled", "false");
                if (from.equals(to) || !isBoolean(enabled, from + "->" + to + ".enabled", problems)
                        || !Boolean.parseBoolean(enabled)) {
                    continue;
                }
                for (String alias : List.of(from, to)) {
                    if (clusterConfigs.get(alias).getOrDefault("bootstrap.servers", "").isBlank()) {
                        missingBootstrap.add(alias);
                    }
                }
                flows.add(flow(from, to, topLevel, flowConfig, clusterConfigs, problems));
            }
        }
        for (String alias : missingBootstrap) {
            problems.add("cluster " + alias + " has no bootstrap.servers, and an enabled flow uses it; set "
                    + alias + ".bootstrap.servers = host:port[,host:port...]");
        }
        if (!clusters.isEmpty() && flows.isEmpty() && problems.isEmpty()) {
            problems.add("no flow is enabled, so there is nothing to replicate; enable one with e.g. "
                    + clusters.get(0) + "->" + (clusters.size() > 1 ? clusters.get(1) : "OTHER") + ".enabled = true");
        }
        if (!problems.isEmpty()) {
            throw new MirrorConfigException(source, problems);
        }
        Map<String, String> topLevelWorker = new TreeMap<>(topLevel);
        topLevelWorker.keySet().retainAll(WORKER_KEYS);
        return new MirrorMakerProperties(clusters, clusterConfigs, topLevelWorker, flows);
    }

    private static List<String> clusters(Map<String, String> props, List<String> problems) {
        String value = props.get("clusters");
        if (value == null || value.isBlank()) {
            problems.add("clusters is missing; list the cluster aliases, e.g. clusters = A, B");
            return List.of();
        }
        List<String> clusters = new ArrayList<>();
        for (String alias : value.split(",")) {
            String trimmed = alias.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!ALIAS.matcher(trimmed).matches()) {
                problems.add("cluster alias '" + trimmed + "' in clusters = " + value.trim() + " may only hold"
                        + " letters, digits, '_' and '-' (it prefixes settings such as " + trimmed
                        + ".bootstrap.servers)");
            } else if (clusters.contains(trimmed)) {
                problems.add("cluster alias '" + trimmed + "' appears twice in clusters = " + value.trim());
            } else {
                clusters.add(trimmed);
            }
        }
        if (clusters.isEmpty() && problems.isEmpty()) {
            problems.add("clusters = " + value + " names no cluster; list the aliases, e.g. clusters = A, B");
        }
        return clusters;
    }

    private static void checkFlowAliases(String key, String from, String to, Set<String> known, List<String> problems) {
        for (String alias : List.of(from, to)) {
            if (!known.contains(alias)) {
                String problem = key + " names cluster '" + alias + "', which is not in clusters = "
                        + String.join(", ", known) + "; add it to clusters or fix the alias";
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
        }
        if (from.equals(to)) {
            String problem = key + " is a flow from cluster " + from + " to itself; a flow needs two different"
                    + " clusters (for example " + from + "->OTHER)";
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }
    }

    private static String clusterOf(String key, Set<String> known) {
        int dot = key.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String prefix = key.substring(0, dot);
        return known.contains(prefix) ? prefix : null;
    }

    private static boolean isBoolean(String value, String key, List<String> problems) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return true;
        }
        problems.add(key + " = " + value + " is not a boolean; use true or false");
        return false;
    }

    private static MirrorFlow flow(String from, String to, Map<String, String> topLevel, Map<String, String> flowConfig,
                                   Map<String, Map<String, String>> clusterConfigs, List<String> problems) {
        Map<String, String> common = new TreeMap<>(topLevel);
        common.keySet().removeAll(WORKER_KEYS); // the worker's settings, not the connectors'
        flowConfig.forEach((k, v) -> {
            if (!k.equals("enabled")) {
                common.put(k, v);
            }
        });
        common.put(MirrorConnectorConfig.SOURCE_CLUSTER_ALIAS, from);
        common.put(MirrorConnectorConfig.TARGET_CLUSTER_ALIAS, to);
        clusterConfigs.get(from).forEach((k, v) -> {
            if (!WORKER_KEYS.contains(k)) {
                common.put(MirrorConnectorConfig.SOURCE_CLUSTER_PREFIX + k, v);
            }
        });
        clusterConfigs.get(to).forEach((k, v) -> {
            if (!WORKER_KEYS.contains(k)) {
                common.put(MirrorConnectorConfig.TARGET_CLUSTER_PREFIX + k, v);
            }
        });
        for (String converter : List.of("key.converter", "value.converter", "header.converter")) {
            common.put(converter, BYTE_ARRAY_CONVERTER);
        }
        validate(from + "->" + to, common, problems);
        String suffix = from + "-to-" + to;
        Map<String, String> source = new TreeMap<>(common);
        source.putIfAbsent("tasks.max", Integer.toString(DEFAULT_SOURCE_TASKS_MAX));
        // under exactly-once, one transaction per interval rather than per poll: a poll is a few hundred records, and
        // committing each batch would stop the copy for a commit every few milliseconds
        source.putIfAbsent("transaction.boundary", "interval");
        source.putIfAbsent("transaction.boundary.interval.ms", Integer.toString(TRANSACTION_INTERVAL_MS));
        common.putIfAbsent("tasks.max", "1");
        return new MirrorFlow(from, to,
                connector(source, "mirror-source-" + suffix, RillMirrorSourceConnector.class),
                connector(common, "mirror-checkpoint-" + suffix, RillMirrorCheckpointConnector.class),
                connector(common, "mirror-heartbeat-" + suffix, RillMirrorHeartbeatConnector.class));
    }

    private static void validate(String flow, Map<String, String> config, List<String> problems) {
        if (config.containsKey("tasks.max")) {
            validateTasksMax(flow, config, problems);
        }
        for (ConfigValue value : MirrorConnectorConfig.DEFINITION.validate(config)) {
            if (value.name().endsWith("bootstrap.servers")) {
                continue; // reported once per cluster, in mm2.properties terms
            }
            if (!value.errorMessages().isEmpty()) {
                // the first message says why; later ones only follow from it (e.g. "must be non-null")
                problems.add("flow " + flow + ": " + value.errorMessages().get(0));
            }
        }
    }

    private static void validateTasksMax(String flow, Map<String, String> config, List<String> problems) {
        try {
            int tasks = Integer.parseInt(config.get("tasks.max").trim());
            if (tasks < 1) {
                problems.add("flow " + flow + ": tasks.max = " + tasks + " must be at least 1");
            }
        } catch (NumberFormatException e) {
            problems.add("flow " + flow + ": tasks.max = " + config.get("tasks.max") + " is not a whole number");
        }
    }

    private static Map<String, String> connector(Map<String, String> common, String name, Class<?> connectorClass) {
        Map<String, String> config = new TreeMap<>(common);
        config.put("name", name);
        config.put("connector.class", connectorClass.getName());
        return config;
    }

    /** The cluster aliases, in the order of {@code clusters}. */
    public List<String> clusters() {
        return clusters;
    }

    /** The client settings of one cluster ({@code A.*} without the prefix, plus inherited security settings). */
    public Map<String, String> cluster(String alias) {
        Map<String, String> config = clusterConfigs.get(alias);
        if (config == null) {
            throw new IllegalArgumentException("Unknown cluster alias '" + alias + "'; clusters = "
                    + String.join(", ", clusters));
        }
        return Map.copyOf(config);
    }

    /**
     * The Kafka Connect worker settings given for the worker that writes into cluster {@code alias}
     * ({@link #WORKER_KEYS}: {@code group.id}, the storage topics, {@code exactly.once.source.support}, …): the
     * top-level values, overridden by {@code alias.<key>}. Only what the file sets; the caller adds its defaults.
     */
    public Map<String, String> workerSettings(String alias) {
        Map<String, String> settings = new TreeMap<>(topLevelWorker);
        cluster(alias).forEach((k, v) -> {
            if (WORKER_KEYS.contains(k)) {
                settings.put(k, v);
            }
        });
        return Map.copyOf(settings);
    }

    /** The enabled flows, ordered by source then target as listed in {@code clusters}. */
    public List<MirrorFlow> flows() {
        return flows;
    }
}
