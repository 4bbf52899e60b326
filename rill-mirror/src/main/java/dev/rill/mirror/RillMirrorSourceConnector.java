package dev.rill.mirror;

import dev.rill.mirror.internal.MirrorConnectorConfig;
import dev.rill.mirror.internal.MirrorConnectorSupport;
import dev.rill.mirror.internal.MirrorSourceTask;
import dev.rill.mirror.internal.PluginVersion;
import dev.rill.mirror.internal.TopicConfigSync;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Replicates topics from a source cluster to the worker's cluster (the target), as MirrorMaker 2's
 * MirrorSourceConnector does and with its settings: remote topics named by {@code replication.policy.class}
 * ({@code A.test} by default), created with the source's partition count and configs, grown with it; records
 * copied with key, value, headers, timestamp and partition; offset syncs written to {@code
 * mm2-offset-syncs.<target>.internal}. New topics are picked up within {@code refresh.topics.interval.seconds}
 * (1 s by default) without restarting tasks. Use {@code ByteArrayConverter} as key, value and header converter:
 *
 * <pre>{@code
 * connector.class=RillMirrorSourceConnector
 * source.cluster.alias=A
 * target.cluster.alias=B
 * source.cluster.bootstrap.servers=a:9092
 * target.cluster.bootstrap.servers=b:9092
 * topics=.*
 * key.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * value.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * header.converter=org.apache.kafka.connect.converters.ByteArrayConverter
 * }</pre>
 */
public class RillMirrorSourceConnector extends SourceConnector {
    private Map<String, String> props;
    private TopicConfigSync configSync;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        MirrorConnectorConfig config = MirrorConnectorSupport.parse(getClass().getSimpleName(), props);
        this.props = Map.copyOf(props);
        if (config.getBoolean(MirrorConnectorConfig.SYNC_TOPIC_CONFIGS_ENABLED)) {
            configSync = new TopicConfigSync(config);
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MirrorSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return MirrorConnectorConfig.taskConfigs(props, maxTasks);
    }

    /**
     * Exactly-once capable: a task's records and the source offsets they advance are all it writes on the target, so
     * a worker with {@code exactly.once.source.support=enabled} commits them in one transaction, and a restarted task
     * resumes from the committed offsets. (Offset syncs go to their own topic outside that transaction; a replay
     * after an abort rewrites them, see docs/mirror.md.)
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public void stop() {
        if (configSync != null) {
            configSync.close();
            configSync = null;
        }
    }

    @Override
    public ConfigDef config() {
        return MirrorConnectorConfig.DEFINITION;
    }
}
