package dev.rill.mirror.internal;

import static dev.rill.mirror.internal.MirrorConnectorConfig.SOURCE_CLUSTER_PREFIX;
import static dev.rill.mirror.internal.MirrorConnectorConfig.TARGET_CLUSTER_PREFIX;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.mirror.ReplicationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the configs of replicated source topics to their remote topics every {@code
 * sync.topic.configs.interval.seconds} (remote topics are created with the source's configs by the tasks; this
 * follows later changes). Runs in the source connector, on its own thread.
 */
public final class TopicConfigSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicConfigSync.class);

    private final MirrorConnectorConfig config;
    private final ReplicationPolicy policy;
    private final TopicSelection selection;
    private final Admin source;
    private final Admin target;
    private final RemoteTopics remoteTopics;
    private final ScheduledExecutorService scheduler;

    public TopicConfigSync(MirrorConnectorConfig config) {
        this.config = config;
        this.policy = config.replicationPolicy();
        this.selection = new TopicSelection(config.topicFilter(), policy, config.targetAlias());
        this.source = Admin.create(config.clientConfig(SOURCE_CLUSTER_PREFIX, "admin"));
        this.target = Admin.create(config.clientConfig(TARGET_CLUSTER_PREFIX, "admin"));
        this.remoteTopics = new RemoteTopics(source, target, config.configPropertyFilter(),
                config.replicationFactor(MirrorConnectorConfig.REPLICATION_FACTOR));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rill-mirror-config-sync-" + config.sourceAlias() + "->"
                    + config.targetAlias());
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.seconds(MirrorConnectorConfig.SYNC_TOPIC_CONFIGS_INTERVAL);
        scheduler.scheduleWithFixedDelay(this::syncOnce, interval, interval, TimeUnit.SECONDS);
    }

    void syncOnce() {
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
                    config.targetAlias(), e.getMessage(), config.seconds(MirrorConnectorConfig.SYNC_TOPIC_CONFIGS_INTERVAL));
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
        source.close(Duration.ofSeconds(5));
        target.close(Duration.ofSeconds(5));
    }
}
