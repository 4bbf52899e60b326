package dev.rill.connect.internal.storage;

import java.util.List;
import java.util.Map;

/**
 * Where connector configs, their target states and their task configs are kept: in memory in standalone mode
 * ({@link MemoryConfigStore}, filled from the connector files at start and through the REST API), in the config
 * topic in distributed mode. Configs are stored as given, with {@code ${provider:path:key}} placeholders
 * unresolved.
 */
public interface ConfigStore {

    /** The connectors' names, in the order they were first created. */
    List<String> connectors();

    boolean contains(String connector);

    /** The connector's config as stored, or null when there is no such connector. */
    Map<String, String> connectorConfig(String connector);

    /** Creates or replaces a connector's config, with the target state it runs in. */
    void putConnectorConfig(String connector, Map<String, String> config, TargetState target);

    /** The connector's target state, or null when there is no such connector. */
    TargetState targetState(String connector);

    void putTargetState(String connector, TargetState target);

    /** The connector's task configs, empty when none were generated (or the connector is stopped). */
    List<Map<String, String>> taskConfigs(String connector);

    void putTaskConfigs(String connector, List<Map<String, String>> taskConfigs);

    /** Forgets the connector: its config, target state and task configs. */
    void removeConnector(String connector);
}
