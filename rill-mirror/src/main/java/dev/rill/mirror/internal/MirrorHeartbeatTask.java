package dev.rill.mirror.internal;

import static dev.rill.mirror.internal.MirrorConnectorConfig.TARGET_CLUSTER_PREFIX;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.mirror.Heartbeat;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a MirrorMaker 2 heartbeat (source alias, target alias, time) to the target's {@code heartbeats} topic every
 * {@code emit.heartbeats.interval.seconds}. Replicated onwards like any topic, heartbeats show which clusters reach
 * which, and how late.
 */
public final class MirrorHeartbeatTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(MirrorHeartbeatTask.class);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private MirrorConnectorConfig config;
    private Admin targetAdmin;
    private String topic;
    private boolean topicReady;
    private long next;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            config = new MirrorConnectorConfig(props);
        } catch (ConfigException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        topic = config.replicationPolicy().heartbeatsTopic();
        targetAdmin = Admin.create(config.clientConfig(TARGET_CLUSTER_PREFIX, "admin"));
        next = System.currentTimeMillis();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long wait = next - System.currentTimeMillis();
        if (wait > 0) {
            stopped.await(wait, TimeUnit.MILLISECONDS);
            return null;
        }
        if (stopped.getCount() == 0) {
            return null;
        }
        next = System.currentTimeMillis() + config.seconds(MirrorConnectorConfig.EMIT_HEARTBEATS_INTERVAL) * 1000;
        if (!topicReady) {
            try {
                RemoteTopics.ensureInternalTopic(targetAdmin, topic,
                        config.replicationFactor(MirrorConnectorConfig.HEARTBEATS_REPLICATION_FACTOR));
                topicReady = true;
            } catch (KafkaException e) {
                log.warn("Mirror {}->{}: could not create the heartbeats topic {} ({}); retrying", config.sourceAlias(),
                        config.targetAlias(), topic, e.getMessage());
                return null;
            }
        }
        Heartbeat heartbeat = new Heartbeat(config.sourceAlias(), config.targetAlias(), System.currentTimeMillis());
        Map<String, Object> partition = MirrorFormats.heartbeatPartition(config.sourceAlias(), config.targetAlias());
        return List.of(new SourceRecord(partition, Map.of("offset", 0L), topic, 0,
                Schema.OPTIONAL_BYTES_SCHEMA, MirrorFormats.heartbeatKey(heartbeat),
                Schema.OPTIONAL_BYTES_SCHEMA, MirrorFormats.heartbeatValue(heartbeat), heartbeat.timestamp()));
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (targetAdmin != null) {
            targetAdmin.close(Duration.ZERO); // pending calls are abandoned; the next start repeats them
        }
    }
}
