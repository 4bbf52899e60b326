package dev.rill.mirror;

import dev.rill.mirror.internal.MirrorCheckpointTask;
import dev.rill.mirror.internal.MirrorConnectorConfig;
import dev.rill.mirror.internal.MirrorConnectorSupport;
import dev.rill.mirror.internal.PluginVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Translates the source cluster's consumer group offsets to the target and writes them as MirrorMaker 2 checkpoints
 * to {@code <source>.checkpoints.internal} on the worker's cluster (the target), so {@code
 * RemoteClusterUtils.translateOffsets} fails consumers over. Translation is exact (see docs/mirror.md). Settings as
 * {@link RillMirrorSourceConnector} plus {@code groups}, {@code groups.exclude}, {@code
 * emit.checkpoints.interval.seconds} (5 s by default) and {@code sync.group.offsets.enabled}. Runs nothing unless
 * {@code emit.checkpoints.enabled} (default true).
 */
public class RillMirrorCheckpointConnector extends SourceConnector {
    private Map<String, String> props;
    private boolean enabled;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        MirrorConnectorConfig config = MirrorConnectorSupport.parse(getClass().getSimpleName(), props);
        this.enabled = config.getBoolean(MirrorConnectorConfig.EMIT_CHECKPOINTS_ENABLED);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MirrorCheckpointTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return enabled ? MirrorConnectorConfig.taskConfigs(props, maxTasks) : List.of();
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return MirrorConnectorConfig.DEFINITION;
    }
}
