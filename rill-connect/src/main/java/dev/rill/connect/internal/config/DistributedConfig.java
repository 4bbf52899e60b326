package dev.rill.connect.internal.config;

import java.util.List;
import java.util.Map;

/**
 * The keys of a distributed worker (Apache Kafka Connect's {@code connect-distributed.properties}), checked
 * together with the other worker keys so that every problem is reported at once.
 *
 * <ul>
 * <li>{@code group.id} (required): the worker group; workers with the same id form one cluster.</li>
 * <li>{@code config.storage.topic}, {@code offset.storage.topic}, {@code status.storage.topic} (required, distinct):
 * the internal topics, created at start when missing.</li>
 * <li>{@code offset.storage.partitions} (25), {@code status.storage.partitions} (5): partitions of topics the
 * worker creates; the config topic always has 1.</li>
 * <li>{@code *.storage.replication.factor} (3; -1 = the broker's default).</li>
 * <li>{@code inter.worker.key.generation.algorithm} (HmacSHA256), {@code inter.worker.key.size} (the algorithm's
 * default), {@code inter.worker.key.ttl.ms} (3600000): the session key the leader generates, writes to the config
 * topic and replaces when it is older than the TTL; {@code inter.worker.signature.algorithm} (HmacSHA256) signs
 * internal requests, {@code inter.worker.verification.algorithms} (HmacSHA256) are accepted on them (must contain the
 * signature algorithm).</li>
 * <li>{@code session.timeout.ms} (Rill: 6000, Apache: 10000), {@code heartbeat.interval.ms} (Rill: 1000, Apache:
 * 3000), {@code rebalance.timeout.ms} (60000): the group membership timings; a dead worker is noticed after the
 * session timeout.</li>
 * <li>{@code group.instance.id} (Rill; none by default): makes this worker a static member of the group, for
 * planned restarts. A static worker that stops does not leave the group, so its tasks are not moved to the others;
 * started again within its {@code session.timeout.ms} with the same id, it gets them back. Its tasks stay stopped
 * (status {@code UNASSIGNED}) meanwhile, and a static worker that dies is noticed only after that timeout.</li>
 * <li>{@code exactly.once.source.support} ({@code disabled}, {@code preparing}, {@code enabled}): with
 * {@code enabled}, source tasks write their records and their offsets in one transaction per boundary and the leader
 * fences the producers of a connector's previous tasks before new task configs are written; {@code preparing} is
 * the step of a rolling upgrade towards {@code enabled}: the leader already fences, tasks are not yet
 * transactional.</li>
 * </ul>
 */
public final class DistributedConfig {
    public static final String GROUP_ID = "group.id";
    public static final String CONFIG_TOPIC = "config.storage.topic";
    public static final String OFFSET_TOPIC = "offset.storage.topic";
    public static final String STATUS_TOPIC = "status.storage.topic";
    public static final String OFFSET_PARTITIONS = "offset.storage.partitions";
    public static final String STATUS_PARTITIONS = "status.storage.partitions";
    public static final String SESSION_TIMEOUT_MS = "session.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String REBALANCE_TIMEOUT_MS = "rebalance.timeout.ms";
    public static final String KEY_GENERATION_ALGORITHM = "inter.worker.key.generation.algorithm";
    public static final String KEY_SIZE = "inter.worker.key.size";
    public static final String KEY_TTL_MS = "inter.worker.key.ttl.ms";
    public static final String SIGNATURE_ALGORITHM = "inter.worker.signature.algorithm";
    public static final String VERIFICATION_ALGORITHMS = "inter.worker.verification.algorithms";
    public static final String DEFAULT_HMAC = "HmacSHA256";
    public static final String EXACTLY_ONCE_SOURCE_SUPPORT = "exactly.once.source.support";
    public static final String GROUP_INSTANCE_ID = "group.instance.id";

    /** The values of {@value #EXACTLY_ONCE_SOURCE_SUPPORT}. */
    public enum ExactlyOnceSourceSupport {
        DISABLED, PREPARING, ENABLED;

        /** Whether the leader fences a connector's previous task producers before it writes new task configs. */
        public boolean fencesZombies() {
            return this != DISABLED;
        }

        /** Whether source tasks run transactional producers. */
        public boolean transactionalTasks() {
            return this == ENABLED;
        }
    }
    /** Rill's default member session timeout: the smallest a broker accepts by default. */
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 6_000;
    public static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 1_000;

    private final String groupId;
    private final String configTopic;
    private final String offsetTopic;
    private final String statusTopic;
    private final int offsetPartitions;
    private final int statusPartitions;
    private final short configReplication;
    private final short offsetReplication;
    private final short statusReplication;
    private final int sessionTimeoutMs;
    private final int heartbeatIntervalMs;
    private final int rebalanceTimeoutMs;
    private final String groupInstanceId;
    private final String keyGenerationAlgorithm;
    private final Integer keySize;
    private final long keyTtlMs;
    private final String signatureAlgorithm;
    private final List<String> verificationAlgorithms;
    private final ExactlyOnceSourceSupport exactlyOnceSourceSupport;

    DistributedConfig(Map<String, String> props, List<String> problems) {
        this.groupId = required(props, GROUP_ID, "e.g. group.id=connect-cluster; every worker of a cluster uses the "
                + "same", problems);
        this.configTopic = required(props, CONFIG_TOPIC, "e.g. config.storage.topic=connect-configs", problems);
        this.offsetTopic = required(props, OFFSET_TOPIC, "e.g. offset.storage.topic=connect-offsets", problems);
        this.statusTopic = required(props, STATUS_TOPIC, "e.g. status.storage.topic=connect-status", problems);
        if (configTopic != null && (configTopic.equals(offsetTopic) || configTopic.equals(statusTopic))
                || offsetTopic != null && offsetTopic.equals(statusTopic)) {
            problems.add(CONFIG_TOPIC + ", " + OFFSET_TOPIC + " and " + STATUS_TOPIC + ": expected three different "
                    + "topics, found " + configTopic + ", " + offsetTopic + ", " + statusTopic);
        }
        this.offsetPartitions = (int) WorkerConfig.parseLong(props, OFFSET_PARTITIONS, 25, 1, problems);
        this.statusPartitions = (int) WorkerConfig.parseLong(props, STATUS_PARTITIONS, 5, 1, problems);
        this.configReplication = replication(props, "config.storage.replication.factor", problems);
        this.offsetReplication = replication(props, "offset.storage.replication.factor", problems);
        this.statusReplication = replication(props, "status.storage.replication.factor", problems);
        this.sessionTimeoutMs = (int) WorkerConfig.parseLong(props, SESSION_TIMEOUT_MS, DEFAULT_SESSION_TIMEOUT_MS, 1,
                problems);
        this.heartbeatIntervalMs = (int) WorkerConfig.parseLong(props, HEARTBEAT_INTERVAL_MS,
                DEFAULT_HEARTBEAT_INTERVAL_MS, 1, problems);
        this.rebalanceTimeoutMs = (int) WorkerConfig.parseLong(props, REBALANCE_TIMEOUT_MS, 60_000, 1, problems);
        String instance = props.get(GROUP_INSTANCE_ID);
        this.groupInstanceId = instance == null || instance.isBlank() ? null : instance.trim();
        this.keyGenerationAlgorithm = keyAlgorithm(props, problems);
        long size = WorkerConfig.parseLong(props, KEY_SIZE, -1, 1, problems);
        this.keySize = size < 0 ? null : (int) size;
        this.keyTtlMs = WorkerConfig.parseLong(props, KEY_TTL_MS, 3_600_000L, 1, problems);
        this.signatureAlgorithm = props.getOrDefault(SIGNATURE_ALGORITHM, DEFAULT_HMAC).trim();
        this.verificationAlgorithms = java.util.Arrays.stream(props.getOrDefault(VERIFICATION_ALGORITHMS, DEFAULT_HMAC)
                .split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        checkMacs(problems);
        this.exactlyOnceSourceSupport = exactlyOnceSupport(props, problems);
        if (heartbeatIntervalMs >= sessionTimeoutMs) {
            problems.add(HEARTBEAT_INTERVAL_MS + ": expected less than " + SESSION_TIMEOUT_MS + " (" + sessionTimeoutMs
                    + "), found " + heartbeatIntervalMs + "; a third of it is usual");
        }
    }

    private static ExactlyOnceSourceSupport exactlyOnceSupport(Map<String, String> props, List<String> problems) {
        String v = props.getOrDefault(EXACTLY_ONCE_SOURCE_SUPPORT, "disabled").trim();
        for (ExactlyOnceSourceSupport s : ExactlyOnceSourceSupport.values()) {
            if (s.name().equalsIgnoreCase(v)) {
                return s;
            }
        }
        problems.add(EXACTLY_ONCE_SOURCE_SUPPORT + ": expected one of disabled, preparing, enabled, found " + v);
        return ExactlyOnceSourceSupport.DISABLED;
    }

    private String keyAlgorithm(Map<String, String> props, List<String> problems) {
        String algorithm = props.getOrDefault(KEY_GENERATION_ALGORITHM, DEFAULT_HMAC).trim();
        try {
            javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance(algorithm);
            String size = props.get(KEY_SIZE);
            if (size != null && !size.isBlank()) {
                generator.init(Integer.parseInt(size.trim()));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            problems.add(KEY_GENERATION_ALGORITHM + ": expected a key generator algorithm of this JVM (e.g. "
                    + DEFAULT_HMAC + "), found " + algorithm);
        } catch (IllegalArgumentException e) {
            // a size that is not a number is reported by parseLong; one the algorithm refuses here
            if (!(e instanceof NumberFormatException)) {
                problems.add(KEY_SIZE + ": " + algorithm + " does not accept " + props.get(KEY_SIZE) + " bits ("
                        + e.getMessage() + "); leave it unset for the algorithm's default");
            }
        }
        return algorithm;
    }

    private void checkMacs(List<String> problems) {
        if (verificationAlgorithms.isEmpty()) {
            problems.add(VERIFICATION_ALGORITHMS + ": expected at least one MAC algorithm, found none; e.g. "
                    + DEFAULT_HMAC);
        }
        for (String mac : verificationAlgorithms) {
            try {
                javax.crypto.Mac.getInstance(mac);
            } catch (java.security.NoSuchAlgorithmException e) {
                problems.add(VERIFICATION_ALGORITHMS + ": expected MAC algorithms of this JVM (e.g. " + DEFAULT_HMAC
                        + "), found " + mac);
            }
        }
        try {
            javax.crypto.Mac.getInstance(signatureAlgorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            problems.add(SIGNATURE_ALGORITHM + ": expected a MAC algorithm of this JVM (e.g. " + DEFAULT_HMAC
                    + "), found " + signatureAlgorithm);
        }
        if (!verificationAlgorithms.isEmpty() && !verificationAlgorithms.contains(signatureAlgorithm)) {
            problems.add(VERIFICATION_ALGORITHMS + ": must contain " + SIGNATURE_ALGORITHM + " ("
                    + signatureAlgorithm + "), found " + verificationAlgorithms + "; add it to the list");
        }
    }

    private static String required(Map<String, String> props, String key, String example, List<String> problems) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            problems.add(key + ": a distributed worker needs it, found " + (v == null ? "no value" : "an empty value")
                    + "; set it, " + example);
            return null;
        }
        return v.trim();
    }

    private static short replication(Map<String, String> props, String key, List<String> problems) {
        long v = WorkerConfig.parseLong(props, key, 3, -1, problems);
        if (v == 0 || v > Short.MAX_VALUE) {
            problems.add(key + ": expected -1 (the broker's default) or a positive number, found " + v);
            return 3;
        }
        return (short) v;
    }

    public String groupId() { return groupId; }
    public ExactlyOnceSourceSupport exactlyOnceSourceSupport() { return exactlyOnceSourceSupport; }
    public String configTopic() { return configTopic; }
    public String offsetTopic() { return offsetTopic; }
    public String statusTopic() { return statusTopic; }
    public int offsetPartitions() { return offsetPartitions; }
    public int statusPartitions() { return statusPartitions; }
    public short configReplication() { return configReplication; }
    public short offsetReplication() { return offsetReplication; }
    public short statusReplication() { return statusReplication; }
    public int sessionTimeoutMs() { return sessionTimeoutMs; }
    public int heartbeatIntervalMs() { return heartbeatIntervalMs; }
    public int rebalanceTimeoutMs() { return rebalanceTimeoutMs; }
    /** This worker's static membership id ({@value #GROUP_INSTANCE_ID}), or null for a dynamic member. */
    public String groupInstanceId() { return groupInstanceId; }
    public String keyGenerationAlgorithm() { return keyGenerationAlgorithm; }
    /** The session key's size in bits, null for the algorithm's default. */
    public Integer keySize() { return keySize; }
    public long keyTtlMs() { return keyTtlMs; }
    public String signatureAlgorithm() { return signatureAlgorithm; }
    public List<String> verificationAlgorithms() { return verificationAlgorithms; }
}
