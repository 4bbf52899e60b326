package dev.rill.mirror;

import java.util.List;
import java.util.Map;

/**
 * One enabled replication flow of an mm2.properties file, {@code source->target}, with the settings of the three
 * connectors that run it on a Connect worker whose cluster is the target: {@link RillMirrorSourceConnector},
 * {@link RillMirrorCheckpointConnector} and {@link RillMirrorHeartbeatConnector}. Each map is a complete connector
 * configuration (name, connector.class, ByteArrayConverter converters, cluster settings, flow settings).
 */
public record MirrorFlow(String source, String target, Map<String, String> sourceConnector,
                         Map<String, String> checkpointConnector, Map<String, String> heartbeatConnector) {
    public MirrorFlow {
        sourceConnector = Map.copyOf(sourceConnector);
        checkpointConnector = Map.copyOf(checkpointConnector);
        heartbeatConnector = Map.copyOf(heartbeatConnector);
    }

    /** {@code source->target}, as in mm2.properties. */
    public String name() {
        return source + "->" + target;
    }

    /** The three connector configurations: source, checkpoint, heartbeat. */
    public List<Map<String, String>> connectors() {
        return List.of(sourceConnector, checkpointConnector, heartbeatConnector);
    }
}
