package dev.rill.mirror.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin work on the clusters of one flow: lists and describes source topics, creates remote topics with the
 * source's partition count and topic configs, adds partitions when the source grows, copies config changes, and
 * creates the single-partition compacted internal topics.
 */
public final class RemoteTopics {
    private static final Logger log = LoggerFactory.getLogger(RemoteTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin source;
    private final Admin target;
    private final RegexFilter configFilter;
    private final short replicationFactor;
    /** Remote topics known to have at least this many partitions. */
    private final Map<String, Integer> knownPartitions = new HashMap<>();

    public RemoteTopics(Admin source, Admin target, RegexFilter configFilter, short replicationFactor) {
        this.source = source;
        this.target = target;
        this.configFilter = configFilter;
        this.replicationFactor = replicationFactor;
    }

    /** Source topic names (internal ones included; the caller filters). */
    public Set<String> sourceTopics() {
        return await(source.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                .names(), "list the topics of the source cluster");
    }

    /** Partition counts of the given source topics; topics deleted meanwhile are left out. */
    public Map<String, Integer> sourcePartitions(Collection<String> topics) {
        Map<String, Integer> counts = new HashMap<>();
        if (topics.isEmpty()) {
            return counts;
        }
        source.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
            try {
                TopicDescription description = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                counts.put(topic, description.partitions().size());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new ConnectException("Could not describe source topic " + topic + ": " + e.getCause(), e);
                }
            } catch (InterruptedException | TimeoutException e) {
                throw new ConnectException("Could not describe source topic " + topic + " within "
                        + TIMEOUT_SECONDS + " s: " + e, e);
            }
        });
        return counts;
    }

    /** Makes sure {@code remoteTopic} exists on the target with at least {@code partitions} partitions. */
    public void ensure(String sourceTopic, String remoteTopic, int partitions) {
        if (knownPartitions.getOrDefault(remoteTopic, 0) >= partitions) {
            return;
        }
        Optional<Integer> existing = targetPartitions(remoteTopic);
        if (existing.isEmpty()) {
            NewTopic topic = new NewTopic(remoteTopic, Optional.of(partitions), Optional.of(replicationFactor))
                    .configs(replicatedConfigs(sourceTopic));
            try {
                await(target.createTopics(List.of(topic)).all(), "create remote topic " + remoteTopic);
                log.info("Created remote topic {} with {} partitions for source topic {}", remoteTopic, partitions,
                        sourceTopic);
            } catch (ConnectException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            existing = targetPartitions(remoteTopic);
        }
        int current = existing.orElse(0);
        if (current < partitions) {
            try {
                await(target.createPartitions(Map.of(remoteTopic, NewPartitions.increaseTo(partitions))).all(),
                        "add partitions to remote topic " + remoteTopic);
                log.info("Remote topic {} grown from {} to {} partitions", remoteTopic, current, partitions);
            } catch (ConnectException e) {
                if (!(e.getCause() instanceof InvalidPartitionsException)) {
                    throw e; // InvalidPartitions: another task grew it first
                }
            }
            current = targetPartitions(remoteTopic).orElse(0);
        }
        if (current < partitions) {
            throw new ConnectException("Remote topic " + remoteTopic + " has " + current + " partitions, source topic "
                    + sourceTopic + " has " + partitions + "; could not add the missing partitions");
        }
        knownPartitions.put(remoteTopic, current);
    }

    /** Copies configs set on each source topic to its remote topic where they differ. */
    public void syncConfigs(Map<String, String> sourceToRemote) {
        if (sourceToRemote.isEmpty()) {
            return;
        }
        Map<ConfigResource, Config> sourceConfigs = describe(source, sourceToRemote.keySet());
        Map<ConfigResource, Config> remoteConfigs = describe(target, sourceToRemote.values());
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        sourceToRemote.forEach((sourceTopic, remoteTopic) -> {
            Config sourceConfig = sourceConfigs.get(new ConfigResource(ConfigResource.Type.TOPIC, sourceTopic));
            ConfigResource remote = new ConfigResource(ConfigResource.Type.TOPIC, remoteTopic);
            Config remoteConfig = remoteConfigs.get(remote);
            if (sourceConfig == null || remoteConfig == null) {
                return;
            }
            List<AlterConfigOp> ops = new ArrayList<>();
            for (Map.Entry<String, String> e : replicated(sourceConfig).entrySet()) {
                ConfigEntry current = remoteConfig.get(e.getKey());
                if (current == null || !e.getValue().equals(current.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET));
                }
            }
            if (!ops.isEmpty()) {
                changes.put(remote, ops);
            }
        });
        if (!changes.isEmpty()) {
            await(target.incrementalAlterConfigs(changes).all(), "alter configs of remote topics " + changes.keySet());
            log.info("Synced topic configs: {}", changes);
        }
    }

    /** Creates a single-partition compacted topic (offset syncs, checkpoints, heartbeats) unless it exists. */
    public static void ensureInternalTopic(Admin admin, String name, short replicationFactor) {
        NewTopic topic = new NewTopic(name, Optional.of(1), Optional.of(replicationFactor))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            await(admin.createTopics(List.of(topic)).all(), "create internal topic " + name);
            log.info("Created internal topic {}", name);
        } catch (ConnectException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Map<String, String> replicatedConfigs(String sourceTopic) {
        Config config = describe(source, List.of(sourceTopic))
                .get(new ConfigResource(ConfigResource.Type.TOPIC, sourceTopic));
        return config == null ? Map.of() : replicated(config);
    }

    /** The configs set explicitly on a topic, minus the excluded ones. */
    private Map<String, String> replicated(Config config) {
        Map<String, String> out = new HashMap<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && entry.value() != null
                    && configFilter.test(entry.name())) {
                out.put(entry.name(), entry.value());
            }
        }
        return out;
    }

    private static Map<ConfigResource, Config> describe(Admin admin, Collection<String> topics) {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> out = new HashMap<>();
        admin.describeConfigs(resources).values().forEach((resource, future) -> {
            try {
                out.put(resource, future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new ConnectException("Could not describe the configs of topic " + resource.name() + ": "
                            + e.getCause(), e);
                }
            } catch (InterruptedException | TimeoutException e) {
                throw new ConnectException("Could not describe the configs of topic " + resource.name() + ": " + e, e);
            }
        });
        return out;
    }

    private Optional<Integer> targetPartitions(String topic) {
        try {
            TopicDescription description = target.describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return Optional.of(description.partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new ConnectException("Could not describe remote topic " + topic + ": " + e.getCause(), e);
        } catch (InterruptedException | TimeoutException e) {
            throw new ConnectException("Could not describe remote topic " + topic + " within " + TIMEOUT_SECONDS
                    + " s: " + e, e);
        }
    }

    static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("Could not " + what + " within " + TIMEOUT_SECONDS
                    + " s; is the cluster reachable at the configured bootstrap.servers?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while trying to " + what, e);
        }
    }
}
