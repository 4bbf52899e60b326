package dev.rill.mirror.internal;

import static dev.rill.mirror.internal.MirrorConnectorConfig.SOURCE_CLUSTER_PREFIX;
import static dev.rill.mirror.internal.MirrorConnectorConfig.TARGET_CLUSTER_PREFIX;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.connect.mirror.ReplicationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source connector's periodic work, on one thread with one admin client per cluster: counts the replicated
 * source partitions every {@code refresh.topics.interval.seconds} (the connector sizes its tasks by them), copies
 * topic configs every {@code sync.topic.configs.interval.seconds} and topic ACLs every {@code
 * sync.topic.acls.interval.seconds}. Failures are logged and retried at the next interval; none fails the
 * connector.
 */
public final class SourceClusterWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceClusterWatch.class);

    private final MirrorConnectorConfig config;
    private final ReplicationPolicy policy;
    private final TopicSelection selection;
    private final Admin source;
    private final Admin target;
    private final RemoteTopics remoteTopics;
    private final TopicAclSync aclSync;
    private final Consumer<Map<String, Integer>> onPartitions;
    private final ScheduledExecutorService scheduler;
    private final Future<?> firstCount;

    /** Starts the work; {@code onPartitions} gets the replicated topics' partition counts after every count. */
    public SourceClusterWatch(MirrorConnectorConfig config, Consumer<Map<String, Integer>> onPartitions) {
        this.config = config;
        this.onPartitions = onPartitions;
        this.policy = config.replicationPolicy();
        this.selection = new TopicSelection(config.topicFilter(), policy, config.targetAlias());
        this.source = Admin.create(config.clientConfig(SOURCE_CLUSTER_PREFIX, "admin"));
        this.target = Admin.create(config.clientConfig(TARGET_CLUSTER_PREFIX, "admin"));
        this.remoteTopics = new RemoteTopics(source, target, config.configPropertyFilter(),
                config.replicationFactor(MirrorConnectorConfig.REPLICATION_FACTOR));
        this.aclSync = new TopicAclSync(config.sourceAlias(), config.targetAlias(), selection, policy, source, target);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rill-mirror-source-connector-" + config.sourceAlias() + "->"
                    + config.targetAlias());
            thread.setDaemon(true);
            return thread;
        });
        firstCount = scheduler.submit(guarded("partition count", this::countPartitions));
        if (config.getBoolean(MirrorConnectorConfig.REFRESH_TOPICS_ENABLED)) {
            long interval = config.seconds(MirrorConnectorConfig.REFRESH_TOPICS_INTERVAL);
            scheduler.scheduleWithFixedDelay(guarded("partition count", this::countPartitions), interval, interval, TimeUnit.SECONDS);
        }
        if (config.getBoolean(MirrorConnectorConfig.SYNC_TOPIC_ACLS_ENABLED)) {
            long interval = config.seconds(MirrorConnectorConfig.SYNC_TOPIC_ACLS_INTERVAL);
            scheduler.scheduleWithFixedDelay(guarded("topic ACL sync", aclSync::syncOnce), 0, interval, TimeUnit.SECONDS);
        }
        if (config.getBoolean(MirrorConnectorConfig.SYNC_TOPIC_CONFIGS_ENABLED)) {
            long interval = config.seconds(MirrorConnectorConfig.SYNC_TOPIC_CONFIGS_INTERVAL);
            scheduler.scheduleWithFixedDelay(guarded("topic config sync", this::syncConfigs), interval, interval, TimeUnit.SECONDS);
        }
    }

    /** Waits up to {@code timeout} for the first partition count; false if it has not finished (or failed). */
    public boolean awaitFirstCount(Duration timeout) {
        try {
            firstCount.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A scheduled run that throws is never run again; this logs instead, so the next interval runs. */
    private Runnable guarded(String what, Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("Mirror {}->{}: {} failed; retrying at the next interval", config.sourceAlias(),
                        config.targetAlias(), what, e);
            }
        };
    }

    private void countPartitions() {
        try {
            List<String> topics = remoteTopics.sourceTopics().stream().filter(selection::replicates).toList();
            onPartitions.accept(remoteTopics.sourcePartitions(topics));
        } catch (KafkaException e) {
            log.warn("Mirror {}->{}: could not count the partitions of the replicated topics ({}); retrying in {} s",
                    config.sourceAlias(), config.targetAlias(), e.getMessage(),
                    config.seconds(MirrorConnectorConfig.REFRESH_TOPICS_INTERVAL));
        }
    }

    private void syncConfigs() {
        try {
            Map<String, String> sourceToRemote = new HashMap<>();
            for (String topic : remoteTopics.sourceTopics()) {
                if (selection.replicates(topic)) {
                    sourceToRemote.put(topic, policy.formatRemoteTopic(config.sourceAlias(), topic));
                }
            }
            remoteTopics.syncConfigs(sourceToRemote);
        } catch (KafkaException e) {
            log.warn("Mirror {}->{}: topic config sync failed ({}); retrying in {} s", config.sourceAlias(),
                    config.targetAlias(), e.getMessage(),
                    config.seconds(MirrorConnectorConfig.SYNC_TOPIC_CONFIGS_INTERVAL));
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // nothing an admin call still waits for matters once the watch stops; waiting for an unreachable cluster
        // would only hold up the worker's shutdown
        source.close(Duration.ZERO);
        target.close(Duration.ZERO);
    }
}
