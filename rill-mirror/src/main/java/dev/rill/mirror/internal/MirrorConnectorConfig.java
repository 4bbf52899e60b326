package dev.rill.mirror.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.mirror.DefaultReplicationPolicy;
import org.apache.kafka.connect.mirror.ReplicationPolicy;

/**
 * The configuration of Rill Mirror's three connectors (source, checkpoint, heartbeat), with MirrorMaker 2's key
 * names. Parsed and validated here, in one place, when a connector or task starts; {@link #problems} lists every
 * problem at once. Defaults differ from MirrorMaker 2 where MM2's are slow: topics are discovered every second,
 * configs and ACLs synced every 5 s, checkpoints emitted every 5 s; internal topics use the broker's default replication
 * factor (-1) rather than 3.
 */
public final class MirrorConnectorConfig extends AbstractConfig {
    public static final String SOURCE_CLUSTER_ALIAS = "source.cluster.alias";
    public static final String TARGET_CLUSTER_ALIAS = "target.cluster.alias";
    public static final String SOURCE_CLUSTER_PREFIX = "source.cluster.";
    public static final String TARGET_CLUSTER_PREFIX = "target.cluster.";
    public static final String TOPICS = "topics";
    public static final String TOPICS_EXCLUDE = "topics.exclude";
    public static final String GROUPS = "groups";
    public static final String GROUPS_EXCLUDE = "groups.exclude";
    public static final String REPLICATION_POLICY_CLASS = "replication.policy.class";
    public static final String REPLICATION_POLICY_SEPARATOR = "replication.policy.separator";
    public static final String REPLICATION_FACTOR = "replication.factor";
    public static final String OFFSET_SYNCS_REPLICATION_FACTOR = "offset-syncs.topic.replication.factor";
    public static final String HEARTBEATS_REPLICATION_FACTOR = "heartbeats.topic.replication.factor";
    public static final String CHECKPOINTS_REPLICATION_FACTOR = "checkpoints.topic.replication.factor";
    public static final String OFFSET_SYNCS_LOCATION = "offset-syncs.topic.location";
    public static final String SYNC_TOPIC_CONFIGS_ENABLED = "sync.topic.configs.enabled";
    public static final String SYNC_TOPIC_CONFIGS_INTERVAL = "sync.topic.configs.interval.seconds";
    public static final String CONFIG_PROPERTIES_EXCLUDE = "config.properties.exclude";
    public static final String SYNC_TOPIC_ACLS_ENABLED = "sync.topic.acls.enabled";
    public static final String SYNC_TOPIC_ACLS_INTERVAL = "sync.topic.acls.interval.seconds";
    public static final String REFRESH_TOPICS_ENABLED = "refresh.topics.enabled";
    public static final String REFRESH_TOPICS_INTERVAL = "refresh.topics.interval.seconds";
    public static final String EMIT_HEARTBEATS_ENABLED = "emit.heartbeats.enabled";
    public static final String EMIT_HEARTBEATS_INTERVAL = "emit.heartbeats.interval.seconds";
    public static final String EMIT_CHECKPOINTS_ENABLED = "emit.checkpoints.enabled";
    public static final String EMIT_CHECKPOINTS_INTERVAL = "emit.checkpoints.interval.seconds";
    public static final String SYNC_GROUP_OFFSETS_ENABLED = "sync.group.offsets.enabled";
    public static final String SYNC_GROUP_OFFSETS_INTERVAL = "sync.group.offsets.interval.seconds";
    public static final String OFFSET_LAG_MAX = "offset.lag.max";
    public static final String CONSUMER_POLL_TIMEOUT = "consumer.poll.timeout.ms";
    /** Set by the connector for each task; not a user setting. */
    public static final String TASK_INDEX = "rill.mirror.task.index";
    /** Set by the connector for each task; not a user setting. */
    public static final String TASK_COUNT = "rill.mirror.task.count";
    /**
     * Set by the source connector for each task; not a user setting: the replicated source topics and their
     * partition counts when the task configs were made ({@code topic:count,topic:count}), which the partitions are
     * dealt out over (see {@link PartitionAssignment}).
     */
    public static final String TASK_PARTITIONS = "rill.mirror.task.partitions";

    public static final String TOPICS_EXCLUDE_DEFAULT = ".*[\\-\\.]internal, .*\\.replica, __.*";
    public static final String GROUPS_EXCLUDE_DEFAULT = "console-consumer-.*, connect-.*, __.*";
    public static final String CONFIG_PROPERTIES_EXCLUDE_DEFAULT = "follower\\.replication\\.throttled\\.replicas, "
            + "leader\\.replication\\.throttled\\.replicas, message\\.timestamp\\.difference\\.max\\.ms, "
            + "message\\.timestamp\\.type, unclean\\.leader\\.election\\.enable, min\\.insync\\.replicas";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(SOURCE_CLUSTER_ALIAS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Alias of the source cluster (the prefix of remote topic names).")
            .define(TARGET_CLUSTER_ALIAS, Type.STRING, "target", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Alias of the target cluster; names the offset-syncs topic and stops cycles.")
            .define(SOURCE_CLUSTER_PREFIX + "bootstrap.servers", Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    Importance.HIGH, "Bootstrap servers of the source cluster. Every other source.cluster.* key"
                            + " is passed to the source clients.")
            .define(TARGET_CLUSTER_PREFIX + "bootstrap.servers", Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    Importance.HIGH, "Bootstrap servers of the target cluster (remote topics are created and"
                            + " configured there). Every other target.cluster.* key is passed to the target clients."
                            + " The worker's own producer must write to this cluster.")
            .define(TOPICS, Type.LIST, ".*", Importance.HIGH, "Regexes of the source topics to replicate.")
            .define(TOPICS_EXCLUDE, Type.LIST, TOPICS_EXCLUDE_DEFAULT, Importance.HIGH,
                    "Regexes of source topics never replicated (default: internal topics).")
            .define(GROUPS, Type.LIST, ".*", Importance.HIGH, "Regexes of the consumer groups to checkpoint.")
            .define(GROUPS_EXCLUDE, Type.LIST, GROUPS_EXCLUDE_DEFAULT, Importance.HIGH,
                    "Regexes of consumer groups never checkpointed.")
            .define(REPLICATION_POLICY_CLASS, Type.CLASS, DefaultReplicationPolicy.class, Importance.MEDIUM,
                    "A class implementing connect-mirror-client's ReplicationPolicy: names remote topics.")
            .define(REPLICATION_POLICY_SEPARATOR, Type.STRING, ".", Importance.LOW,
                    "Separator between the source alias and the topic in remote topic names.")
            .define(REPLICATION_FACTOR, Type.INT, -1, Importance.MEDIUM,
                    "Replication factor of remote topics; -1 (default) = the target broker's default.")
            .define(OFFSET_SYNCS_REPLICATION_FACTOR, Type.INT, -1, Importance.LOW,
                    "Replication factor of mm2-offset-syncs.<target>.internal; -1 = the broker's default.")
            .define(HEARTBEATS_REPLICATION_FACTOR, Type.INT, -1, Importance.LOW,
                    "Replication factor of the heartbeats topic; -1 = the broker's default.")
            .define(CHECKPOINTS_REPLICATION_FACTOR, Type.INT, -1, Importance.LOW,
                    "Replication factor of <source>.checkpoints.internal; -1 = the broker's default.")
            .define(OFFSET_SYNCS_LOCATION, Type.STRING, "source", ConfigDef.ValidString.in("source", "target"),
                    Importance.LOW, "Cluster holding the offset-syncs topic: source (default) or target.")
            .define(SYNC_TOPIC_CONFIGS_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Copy topic configs set on source topics to their remote topics.")
            .define(SYNC_TOPIC_CONFIGS_INTERVAL, Type.LONG, 5L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Seconds between topic config syncs (MirrorMaker 2: 600).")
            .define(CONFIG_PROPERTIES_EXCLUDE, Type.LIST, CONFIG_PROPERTIES_EXCLUDE_DEFAULT, Importance.LOW,
                    "Regexes of topic config names never copied.")
            .define(SYNC_TOPIC_ACLS_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Copy the ACLs of replicated source topics to their remote topics (ALLOW WRITE is never copied,"
                            + " ALLOW ALL becomes ALLOW READ).")
            .define(SYNC_TOPIC_ACLS_INTERVAL, Type.LONG, 5L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Seconds between topic ACL syncs (MirrorMaker 2: 600).")
            .define(REFRESH_TOPICS_ENABLED, Type.BOOLEAN, true, Importance.LOW,
                    "Look for new source topics and partitions periodically.")
            .define(REFRESH_TOPICS_INTERVAL, Type.LONG, 1L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Seconds between looks for new source topics and partitions (MirrorMaker 2: 600).")
            .define(EMIT_HEARTBEATS_ENABLED, Type.BOOLEAN, true, Importance.LOW, "Emit heartbeats.")
            .define(EMIT_HEARTBEATS_INTERVAL, Type.LONG, 1L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Seconds between heartbeats.")
            .define(EMIT_CHECKPOINTS_ENABLED, Type.BOOLEAN, true, Importance.LOW,
                    "Emit consumer group checkpoints.")
            .define(EMIT_CHECKPOINTS_INTERVAL, Type.LONG, 5L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Seconds between checkpoints (MirrorMaker 2: 60).")
            .define(SYNC_GROUP_OFFSETS_ENABLED, Type.BOOLEAN, false, Importance.LOW,
                    "Also commit translated offsets to the target cluster's groups while no member is active"
                            + " there.")
            .define(SYNC_GROUP_OFFSETS_INTERVAL, Type.LONG, 5L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Seconds between group offset syncs (MirrorMaker 2: 60).")
            .define(OFFSET_LAG_MAX, Type.LONG, 100L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "An offset sync is written at least every offset.lag.max records of a partition.")
            .define(CONSUMER_POLL_TIMEOUT, Type.LONG, 1000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Longest wait of one poll of the source consumer, in ms.")
            .define(TASK_INDEX, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW, "Internal: task index.")
            .define(TASK_COUNT, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW, "Internal: task count.")
            .define(TASK_PARTITIONS, Type.STRING, "", Importance.LOW,
                    "Internal: the source partitions the source connector knew when it made the task configs.");

    private final Map<String, String> originals;

    public MirrorConnectorConfig(Map<String, String> props) {
        super(DEFINITION, checked(props), false);
        this.originals = Map.copyOf(props);
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid Rill Mirror connector configuration: " + String.join("; ", problems));
        }
    }

    /** Fails with every problem ConfigDef finds (missing keys, wrong types), not just the first one. */
    private static Map<String, String> checked(Map<String, String> props) {
        List<String> problems = new ArrayList<>();
        for (org.apache.kafka.common.config.ConfigValue value : DEFINITION.validate(props)) {
            if (!value.errorMessages().isEmpty()) {
                problems.add(value.errorMessages().get(0)); // later messages only follow from the first
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid Rill Mirror connector configuration: " + String.join("; ", problems));
        }
        return props;
    }

    /** Problems beyond the ones ConfigDef finds: a policy class that cannot be made, regexes that do not compile. */
    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (sourceAlias().equals(targetAlias())) {
            problems.add(SOURCE_CLUSTER_ALIAS + " and " + TARGET_CLUSTER_ALIAS + " are both '" + sourceAlias()
                    + "'; a flow needs two different clusters");
        }
        try {
            replicationPolicy();
        } catch (RuntimeException e) {
            problems.add(REPLICATION_POLICY_CLASS + "=" + getClass(REPLICATION_POLICY_CLASS).getName()
                    + " cannot be instantiated and configured (" + e + "); give a public class with a public"
                    + " no-argument constructor implementing org.apache.kafka.connect.mirror.ReplicationPolicy");
        }
        try {
            PartitionAssignment.parseCounts(getString(TASK_PARTITIONS));
        } catch (IllegalArgumentException e) {
            problems.add(TASK_PARTITIONS + " (set by the connector) is malformed: " + e.getMessage());
        }
        for (String key : List.of(TOPICS, TOPICS_EXCLUDE, GROUPS, GROUPS_EXCLUDE, CONFIG_PROPERTIES_EXCLUDE)) {
            try {
                RegexFilter.compile(getList(key));
            } catch (RuntimeException e) {
                problems.add(key + "=" + getList(key) + " is not a list of valid regexes: " + e.getMessage());
            }
        }
        return problems;
    }

    public String sourceAlias() {
        return getString(SOURCE_CLUSTER_ALIAS);
    }

    public String targetAlias() {
        return getString(TARGET_CLUSTER_ALIAS);
    }

    /** A new, configured instance of {@code replication.policy.class}. */
    public ReplicationPolicy replicationPolicy() {
        ReplicationPolicy policy = Utils.newInstance(getClass(REPLICATION_POLICY_CLASS), ReplicationPolicy.class);
        if (policy instanceof org.apache.kafka.common.Configurable configurable) {
            Map<String, Object> props = new HashMap<>(originals);
            props.putIfAbsent(REPLICATION_POLICY_SEPARATOR, getString(REPLICATION_POLICY_SEPARATOR));
            configurable.configure(props);
        }
        return policy;
    }

    public RegexFilter topicFilter() {
        return new RegexFilter(getList(TOPICS), getList(TOPICS_EXCLUDE));
    }

    public RegexFilter groupFilter() {
        return new RegexFilter(getList(GROUPS), getList(GROUPS_EXCLUDE));
    }

    public RegexFilter configPropertyFilter() {
        return new RegexFilter(List.of(".*"), getList(CONFIG_PROPERTIES_EXCLUDE));
    }

    public boolean offsetSyncsOnSource() {
        return "source".equals(getString(OFFSET_SYNCS_LOCATION));
    }

    public int taskIndex() {
        return getInt(TASK_INDEX);
    }

    public int taskCount() {
        return getInt(TASK_COUNT);
    }

    /** Which task owns which source partition, as the source connector dealt them out. */
    public PartitionAssignment partitionAssignment() {
        return new PartitionAssignment(PartitionAssignment.parseCounts(getString(TASK_PARTITIONS)), taskCount());
    }

    public long seconds(String key) {
        return getLong(key);
    }

    public short replicationFactor(String key) {
        return getInt(key).shortValue();
    }

    /** Client settings for one cluster: its {@code <side>.cluster.*} keys, then {@code <side>.cluster.<client>.*}. */
    public Map<String, Object> clientConfig(String clusterPrefix, String client) {
        Map<String, Object> config = new HashMap<>();
        String clientPrefix = clusterPrefix + client + ".";
        for (Map.Entry<String, String> e : originals.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(clusterPrefix) && !key.equals(clusterPrefix + "alias")) {
                String rest = key.substring(clusterPrefix.length());
                if (!rest.startsWith("consumer.") && !rest.startsWith("producer.") && !rest.startsWith("admin.")) {
                    config.put(rest, e.getValue());
                }
            }
        }
        for (Map.Entry<String, String> e : originals.entrySet()) {
            if (e.getKey().startsWith(clientPrefix)) {
                config.put(e.getKey().substring(clientPrefix.length()), e.getValue());
            }
        }
        return config;
    }

    /** The connector's settings with the task's index and the task count added. */
    public static List<Map<String, String>> taskConfigs(Map<String, String> props, int tasks) {
        return taskConfigs(props, tasks, Map.of());
    }

    /**
     * The source connector's task configs: its settings with the task's index, the task count and the source
     * partitions known now (topic → partition count), which the tasks deal out among themselves.
     */
    public static List<Map<String, String>> taskConfigs(Map<String, String> props, int tasks,
                                                        Map<String, Integer> partitionCounts) {
        List<Map<String, String>> configs = new ArrayList<>(tasks);
        String counts = PartitionAssignment.formatCounts(partitionCounts);
        for (int i = 0; i < tasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TASK_INDEX, Integer.toString(i));
            task.put(TASK_COUNT, Integer.toString(tasks));
            if (!counts.isEmpty()) {
                task.put(TASK_PARTITIONS, counts);
            }
            configs.add(task);
        }
        return configs;
    }

    /**
     * How many tasks the source connector runs: one per replicated source partition, at most {@code tasks.max}
     * (Connect never takes more task configs than that), at least one (so a flow whose topics do not exist yet
     * still has a task to find them).
     */
    public static int sourceTaskCount(int partitions, int maxTasks) {
        return Math.max(1, Math.min(partitions, maxTasks));
    }
}
