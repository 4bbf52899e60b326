package dev.rill.connect.internal.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Connector configs in memory (standalone mode: they are read again from the connector files at each start). */
public final class MemoryConfigStore implements ConfigStore {
    private final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    private final Map<String, TargetState> targets = new HashMap<>();
    private final Map<String, List<Map<String, String>>> taskConfigs = new HashMap<>();

    @Override
    public synchronized List<String> connectors() {
        return new ArrayList<>(configs.keySet());
    }

    @Override
    public synchronized boolean contains(String connector) {
        return configs.containsKey(connector);
    }

    @Override
    public synchronized Map<String, String> connectorConfig(String connector) {
        return configs.get(connector);
    }

    @Override
    public synchronized void putConnectorConfig(String connector, Map<String, String> config, TargetState target) {
        configs.put(connector, config);
        targets.put(connector, target);
    }

    @Override
    public synchronized TargetState targetState(String connector) {
        return targets.get(connector);
    }

    @Override
    public synchronized void putTargetState(String connector, TargetState target) {
        targets.put(connector, target);
    }

    @Override
    public synchronized List<Map<String, String>> taskConfigs(String connector) {
        return taskConfigs.getOrDefault(connector, List.of());
    }

    @Override
    public synchronized void putTaskConfigs(String connector, List<Map<String, String>> configs) {
        taskConfigs.put(connector, configs);
    }

    @Override
    public synchronized void removeConnector(String connector) {
        configs.remove(connector);
        targets.remove(connector);
        taskConfigs.remove(connector);
    }
}
