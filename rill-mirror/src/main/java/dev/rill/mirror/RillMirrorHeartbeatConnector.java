package dev.rill.mirror;

import dev.rill.mirror.internal.MirrorConnectorConfig;
import dev.rill.mirror.internal.MirrorConnectorSupport;
import dev.rill.mirror.internal.MirrorHeartbeatTask;
import dev.rill.mirror.internal.PluginVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Writes MirrorMaker 2 heartbeats to the {@code heartbeats} topic of the worker's cluster (the target) every {@code
 * emit.heartbeats.interval.seconds} (1 s by default); one task. Runs nothing unless {@code emit.heartbeats.enabled}
 * (default true).
 */
public class RillMirrorHeartbeatConnector extends SourceConnector {
    private Map<String, String> props;
    private boolean enabled;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        MirrorConnectorConfig config = MirrorConnectorSupport.parse(getClass().getSimpleName(), props);
        this.enabled = config.getBoolean(MirrorConnectorConfig.EMIT_HEARTBEATS_ENABLED);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MirrorHeartbeatTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return enabled ? MirrorConnectorConfig.taskConfigs(props, 1) : List.of();
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return MirrorConnectorConfig.DEFINITION;
    }
}
