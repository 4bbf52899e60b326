package dev.rill.connect.internal.herder;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.storage.TaskId;

/**
 * Decides which connectors and tasks run and keeps their configs, target states and offsets. The REST API talks
 * only to this interface: the standalone herder implements it on one worker; a distributed herder (configs,
 * offsets and statuses in Kafka topics, workers in a group) can implement it beside it.
 * Failures are {@link RequestException}s carrying the HTTP status.
 */
public interface Herder extends AutoCloseable {

    record ConnectorInfo(String name, Map<String, String> config, List<TaskId> tasks, String type) {
    }

    record ConnectorState(String name, StatusStore.Status connector, Map<Integer, StatusStore.Status> tasks,
                          String type) {
    }

    record TaskInfo(TaskId id, Map<String, String> config) {
    }

    record Created<T>(boolean created, T result) {
    }

    /** One stored offset; {@code offset == null} (in a PATCH) deletes it. */
    record ConnectorOffset(Map<String, Object> partition, Map<String, Object> offset) {
    }

    List<String> connectors();

    ConnectorInfo connectorInfo(String name);

    Map<String, String> connectorConfig(String name);

    Created<ConnectorInfo> putConnectorConfig(String name, Map<String, String> config, TargetState initialState,
                                              boolean allowReplace);

    ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch);

    void deleteConnector(String name);

    ConnectorState connectorStatus(String name);

    StatusStore.Status taskStatus(TaskId id);

    List<TaskInfo> taskConfigs(String name);

    void pauseConnector(String name);

    void resumeConnector(String name);

    void stopConnector(String name);

    void restartTask(TaskId id);

    /** Restarts the connector (and tasks); empty for the plain restart, else the status with RESTARTING states. */
    Optional<ConnectorState> restartConnector(String name, boolean includeTasks, boolean onlyFailed);

    ConfigInfos validateConnectorConfig(Map<String, String> config);

    List<PluginDesc> plugins();

    List<ConfigInfos.ConfigKeyInfo> pluginConfig(String plugin);

    List<ConnectorOffset> offsets(String name);

    /** Alters offsets of a STOPPED connector; returns the message for the response. */
    String alterOffsets(String name, List<ConnectorOffset> offsets);

    String resetOffsets(String name);

    Set<String> activeTopics(String name);

    void resetActiveTopics(String name);

    String kafkaClusterId();

    boolean isReady();

    /**
     * Where this worker sends REST writes: empty when it handles them itself (standalone, or the distributed
     * group's leader), else the leader's base URL. Throws a 409 {@link RequestException} while the worker group
     * rebalances and has no leader.
     */
    default Optional<String> leaderUrlForWrites() {
        return Optional.empty();
    }

    /**
     * The internal endpoint {@code POST /connectors/{c}/tasks}: replaces the connector's task configs, for workers of
     * a distributed cluster only; the request must be signed with the cluster's session key, which is checked before
     * {@code taskConfigs} parses the body.
     */
    default void putTaskConfigs(String name, Supplier<List<Map<String, String>>> taskConfigs,
                                RequestSignature signature) {
        throw new RequestException(404, "POST /connectors/" + name + "/tasks is an internal endpoint of distributed "
                + "workers; a standalone worker has none. Use PUT /connectors/" + name + "/config to change a "
                + "connector");
    }

    /**
     * The internal endpoint {@code PUT /connectors/{c}/fence}: fences the transactional producers of the source
     * connector's tasks (exactly-once sources), for workers of a distributed cluster only; signed like
     * {@link #putTaskConfigs}.
     */
    default void fenceZombies(String name, RequestSignature signature) {
        throw new RequestException(404, "PUT /connectors/" + name + "/fence is an internal endpoint of distributed "
                + "workers with exactly-once source support; a standalone worker has none");
    }

    @Override
    void close();
}
