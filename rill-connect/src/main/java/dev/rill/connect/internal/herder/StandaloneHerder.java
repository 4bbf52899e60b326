package dev.rill.connect.internal.herder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.config.ConfigProviders;
import dev.rill.connect.internal.config.ConnectorConfig;
import dev.rill.connect.internal.config.ConnectorConfigDefs;
import dev.rill.connect.internal.config.SecretMasking;
import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.plugins.PluginNotFoundException;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.runtime.Worker;
import dev.rill.connect.internal.runtime.WorkerConnector;
import dev.rill.connect.internal.storage.ConfigStore;
import dev.rill.connect.internal.storage.State;
import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.storage.TaskId;

/**
 * The standalone herder: every connector and task runs on this one worker, connector configs live in a
 * {@link ConfigStore} (in memory, re-read from files at start), source offsets in the offset file. Every operation runs under one lock, so
 * requests see a consistent view; task reconfiguration requested by a connector runs on a helper thread.
 */
public final class StandaloneHerder implements Herder, WorkerConnector.Listener {
    private static final Logger log = LoggerFactory.getLogger(StandaloneHerder.class);

    private final Worker worker;
    private final Plugins plugins;
    private final StatusStore statuses;
    private final ConfigProviders providers;
    private final ConfigValidator validator;
    private final java.util.function.Supplier<String> clusterId;
    private final ConnectorOffsetsService offsetsService;
    private final PluginDescriptions descriptions;
    private final ConfigStore store;
    private final SecretMasking masking;
    private final ExecutorService reconfigurations = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rill-connect-herder");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean ready;

    public StandaloneHerder(Worker worker, ConfigStore store, StatusStore statuses, ConfigProviders providers,
                            java.util.function.Supplier<String> clusterId) {
        this.worker = worker;
        this.store = store;
        this.plugins = worker.plugins();
        this.statuses = statuses;
        this.providers = providers;
        this.validator = new ConfigValidator(plugins, worker);
        this.clusterId = clusterId;
        this.offsetsService = new ConnectorOffsetsService(worker::offsetStoreFor, worker.offsetCodec(), worker::admin,
                ConnectorOffsetsService.ConnectorCaller.of(plugins));
        this.descriptions = new PluginDescriptions(plugins);
        this.masking = new SecretMasking(providers);
    }

    /** Marks startup as complete (connectors from the command line are created). */
    public void ready() {
        ready = true;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public String kafkaClusterId() {
        return clusterId.get();
    }

    @Override
    public synchronized List<String> connectors() {
        return store.connectors();
    }

    private Map<String, String> rawConfig(String name) {
        Map<String, String> c = store.connectorConfig(name);
        if (c == null) {
            throw RequestException.notFound(name);
        }
        return c;
    }

    @Override
    public synchronized ConnectorInfo connectorInfo(String name) {
        Map<String, String> raw = rawConfig(name);
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < store.taskConfigs(name).size(); i++) {
            ids.add(new TaskId(name, i));
        }
        return new ConnectorInfo(name, masked(name, raw), ids, typeOf(raw));
    }

    @Override
    public synchronized Map<String, String> connectorConfig(String name) {
        return masked(name, rawConfig(name));
    }

    private Map<String, String> masked(String name, Map<String, String> config) {
        return masking.masked(name, config);
    }

    private String typeOf(Map<String, String> raw) {
        try {
            return plugins.connector(raw.get(ConnectorConfigDefs.CONNECTOR_CLASS)).type().restName();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public synchronized Created<ConnectorInfo> putConnectorConfig(String name, Map<String, String> config,
                                                                  TargetState initialState, boolean allowReplace) {
        ConnectorNames.requireValid(name);
        boolean exists = store.contains(name);
        Map<String, String> copy = new HashMap<>(config);
        String inConfig = copy.get(ConnectorConfigDefs.NAME);
        if (inConfig != null && !inConfig.equals(name)) {
            throw RequestException.badRequest("Connector name in the config ('" + inConfig + "') does not match the "
                    + "connector name in the request ('" + name + "'); make them equal or drop config.name");
        }
        copy.put(ConnectorConfigDefs.NAME, name);
        if (exists && !allowReplace) {
            throw RequestException.conflict("Connector " + name + " already exists");
        }
        Map<String, String> resolved = resolve(copy);
        ConfigInfos result = validate(resolved);
        if (result.errorCount() > 0) {
            throw RequestException.badRequest("Connector configuration is invalid and contains the following "
                    + result.errorCount() + " error(s):\n" + String.join("\n", result.errorMessages())
                    + "\nYou can also find the above list of errors at the endpoint "
                    + "`/connector-plugins/{connectorType}/config/validate`");
        }
        TargetState target = exists ? store.targetState(name) : initialState;
        if (exists) {
            stopAll(name);
        }
        store.putConnectorConfig(name, copy, target);
        masking.passwordKeys(name, result.passwordKeys());
        startConnector(name);
        log.info("Connector {} {}", name, exists ? "reconfigured" : "created");
        return new Created<>(!exists, connectorInfo(name));
    }

    private ConfigInfos validate(Map<String, String> resolved) {
        String cls = resolved.get(ConnectorConfigDefs.CONNECTOR_CLASS);
        if (cls == null || cls.isBlank()) {
            throw RequestException.badRequest("Connector config " + withoutSecrets(resolved) + " contains no "
                    + "connector type; set connector.class to a connector class name or alias");
        }
        PluginDesc plugin;
        try {
            plugin = plugins.connector(cls);
        } catch (PluginNotFoundException e) {
            throw RequestException.badRequest(e.getMessage());
        }
        return validator.validate(plugin, resolved);
    }

    private static Map<String, String> withoutSecrets(Map<String, String> config) {
        return new TreeMap<>(Map.of("name", String.valueOf(config.get("name"))));
    }

    private Map<String, String> resolve(Map<String, String> raw) {
        try {
            return providers.resolve(raw);
        } catch (ConfigException e) {
            throw RequestException.badRequest("Could not resolve a ${provider:path:key} placeholder: "
                    + e.getMessage());
        }
    }

    @Override
    public synchronized ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch) {
        Map<String, String> merged = new HashMap<>(rawConfig(name));
        patch.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        return putConnectorConfig(name, merged, null, true).result();
    }

    @Override
    public synchronized void deleteConnector(String name) {
        rawConfig(name);
        stopAll(name);
        store.removeConnector(name);
        masking.forget(name);
        statuses.removeConnector(name);
        worker.resetActiveTopics(name);
        log.info("Connector {} deleted", name);
    }

    private void stopAll(String name) {
        worker.stopTasks(worker.tasksOf(name));
        worker.stopConnector(name);
    }

    private void startConnector(String name) {
        Map<String, String> resolved = resolve(store.connectorConfig(name));
        TargetState target = store.targetState(name);
        boolean ok = worker.startConnector(name, resolved, target, this);
        if (target == TargetState.STOPPED) {
            store.putTaskConfigs(name, List.of());
            return;
        }
        if (ok) {
            updateTasks(name, resolved);
        }
    }

    /** Regenerates task configs; restarts every task when they changed (or when no task runs). */
    private void updateTasks(String name, Map<String, String> resolved) {
        WorkerConnector wc = worker.connector(name);
        if (wc == null || !wc.isStarted()) {
            return;
        }
        List<Map<String, String>> fresh;
        ConnectorConfig cc;
        try {
            cc = ConnectorConfig.parse(resolved, wc.isSink());
            fresh = worker.taskConfigs(name, cc);
        } catch (Throwable t) {
            log.error("Connector {} could not generate task configs", name, t);
            statuses.putConnector(name, State.FAILED, t);
            return;
        }
        List<Map<String, String>> old = store.taskConfigs(name);
        boolean running = !worker.tasksOf(name).isEmpty();
        if (fresh.equals(old) && running) {
            return;
        }
        worker.stopTasks(worker.tasksOf(name));
        for (int i = fresh.size(); old != null && i < old.size(); i++) {
            statuses.removeTask(new TaskId(name, i));
        }
        store.putTaskConfigs(name, fresh);
        TargetState target = store.targetState(name);
        for (int i = 0; i < fresh.size(); i++) {
            worker.startTask(new TaskId(name, i), cc, fresh.get(i), target);
        }
    }

    @Override
    public void onTaskReconfigurationRequest(String connector) {
        reconfigurations.execute(() -> {
            synchronized (StandaloneHerder.this) {
                if (store.contains(connector) && store.targetState(connector) == TargetState.STARTED) {
                    updateTasks(connector, resolve(store.connectorConfig(connector)));
                }
            }
        });
    }

    @Override
    public void onFailure(String connector, Throwable error) {
        log.error("Connector {} raised an error", connector, error);
    }

    @Override
    public synchronized ConnectorState connectorStatus(String name) {
        Map<String, String> raw = rawConfig(name);
        StatusStore.Status c = statuses.connector(name)
                .orElseGet(() -> statuses.connectorStatus(name, State.UNASSIGNED));
        Map<Integer, StatusStore.Status> tasks = new TreeMap<>();
        int count = store.taskConfigs(name).size();
        Map<Integer, StatusStore.Status> known = statuses.tasksOf(name);
        for (int i = 0; i < count; i++) {
            StatusStore.Status t = known.get(i);
            tasks.put(i, t != null ? t : statuses.taskStatus(new TaskId(name, i), State.UNASSIGNED));
        }
        return new ConnectorState(name, c, tasks, typeOf(raw));
    }

    @Override
    public synchronized StatusStore.Status taskStatus(TaskId id) {
        requireTask(id);
        return statuses.task(id).orElseGet(() -> statuses.taskStatus(id, State.UNASSIGNED));
    }

    private void requireTask(TaskId id) {
        rawConfig(id.connector());
        if (id.task() < 0 || id.task() >= store.taskConfigs(id.connector()).size()) {
            throw new RequestException(404, "Task " + id + " not found; connector " + id.connector() + " has "
                    + store.taskConfigs(id.connector()).size() + " task(s)");
        }
    }

    @Override
    public synchronized List<TaskInfo> taskConfigs(String name) {
        Map<String, String> raw = rawConfig(name);
        List<TaskInfo> out = new ArrayList<>();
        List<Map<String, String>> list = store.taskConfigs(name);
        for (int i = 0; i < list.size(); i++) {
            Map<String, String> shown = new TreeMap<>(list.get(i));
            // never return values resolved from config providers: show the placeholder instead
            raw.forEach((k, v) -> {
                if (shown.containsKey(k) && providers.hasPlaceholder(v)) {
                    shown.put(k, v);
                }
            });
            out.add(new TaskInfo(new TaskId(name, i), masked(name, shown)));
        }
        return out;
    }

    @Override
    public synchronized void pauseConnector(String name) {
        rawConfig(name);
        if (store.targetState(name) == TargetState.STOPPED) {
            // Kafka Connect allows pausing a stopped connector: it keeps no tasks
            store.putTargetState(name, TargetState.PAUSED);
            worker.transitionConnector(name, TargetState.PAUSED);
            return;
        }
        store.putTargetState(name, TargetState.PAUSED);
        worker.transitionConnector(name, TargetState.PAUSED);
        for (TaskId id : worker.tasksOf(name)) {
            worker.transitionTask(id, TargetState.PAUSED);
        }
    }

    @Override
    public synchronized void resumeConnector(String name) {
        rawConfig(name);
        store.putTargetState(name, TargetState.STARTED);
        if (worker.connector(name) == null || worker.connector(name).hasFailed()) {
            return;
        }
        worker.transitionConnector(name, TargetState.STARTED);
        for (TaskId id : worker.tasksOf(name)) {
            worker.transitionTask(id, TargetState.STARTED);
        }
        updateTasks(name, resolve(store.connectorConfig(name)));
    }

    @Override
    public synchronized void stopConnector(String name) {
        rawConfig(name);
        store.putTargetState(name, TargetState.STOPPED);
        List<TaskId> running = worker.tasksOf(name);
        worker.stopTasks(running);
        for (int i = 0; i < store.taskConfigs(name).size(); i++) {
            statuses.removeTask(new TaskId(name, i));
        }
        store.putTaskConfigs(name, List.of());
        worker.transitionConnector(name, TargetState.STOPPED);
    }

    @Override
    public synchronized void restartTask(TaskId id) {
        requireTask(id);
        worker.stopTasks(List.of(id));
        Map<String, String> resolved = resolve(store.connectorConfig(id.connector()));
        ConnectorConfig cc = ConnectorConfig.parse(resolved, worker.isSink(resolved.get("connector.class")));
        worker.startTask(id, cc, store.taskConfigs(id.connector()).get(id.task()), store.targetState(id.connector()));
    }

    @Override
    public synchronized Optional<ConnectorState> restartConnector(String name, boolean includeTasks,
                                                                  boolean onlyFailed) {
        rawConfig(name);
        if (!includeTasks && !onlyFailed) {
            restartConnectorInstance(name);
            return Optional.empty();
        }
        ConnectorState before = connectorStatus(name);
        boolean restartConnector = !onlyFailed || before.connector().state() == State.FAILED;
        List<TaskId> restartTasks = new ArrayList<>();
        if (includeTasks) {
            before.tasks().forEach((i, s) -> {
                if (!onlyFailed || s.state() == State.FAILED) {
                    restartTasks.add(new TaskId(name, i));
                }
            });
        }
        StatusStore.Status connector = restartConnector
                ? statuses.connectorStatus(name, State.RESTARTING) : before.connector();
        Map<Integer, StatusStore.Status> tasks = new TreeMap<>(before.tasks());
        for (TaskId id : restartTasks) {
            tasks.put(id.task(), statuses.taskStatus(id, State.RESTARTING));
        }
        ConnectorState response = new ConnectorState(name, connector, tasks, before.type());
        if (restartConnector) {
            statuses.putConnector(name, State.RESTARTING, null);
            restartConnectorInstance(name);
        }
        for (TaskId id : restartTasks) {
            if (id.task() < store.taskConfigs(name).size()) {
                statuses.putTask(id, State.RESTARTING, null);
                restartTask(id);
            }
        }
        return Optional.of(response);
    }

    private void restartConnectorInstance(String name) {
        worker.stopConnector(name);
        startConnector(name);
    }

    @Override
    public ConfigInfos validateConnectorConfig(Map<String, String> config) {
        return validate(resolve(config));
    }

    @Override
    public List<PluginDesc> plugins() {
        return descriptions.all();
    }

    @Override
    public List<ConfigInfos.ConfigKeyInfo> pluginConfig(String plugin) {
        return descriptions.configKeys(plugin);
    }

    // ---- offsets ------------------------------------------------------------------------------------------

    private ConnectorOffsetsService.Target offsetsTarget(String name) {
        Map<String, String> raw = rawConfig(name);
        return new ConnectorOffsetsService.Target(name, "sink".equals(typeOf(raw)), () -> resolve(store.connectorConfig(name)));
    }

    @Override
    public synchronized List<ConnectorOffset> offsets(String name) {
        return offsetsService.offsets(offsetsTarget(name));
    }

    private void requireStopped(String name) {
        rawConfig(name);
        if (store.targetState(name) != TargetState.STOPPED || !worker.tasksOf(name).isEmpty()) {
            throw RequestException.badRequest("Connectors must be in the STOPPED state before their offsets can be "
                    + "modified; connector " + name + " is " + connectorStatus(name).connector().state()
                    + ". Stop it first with PUT /connectors/" + name + "/stop");
        }
    }

    @Override
    public synchronized String alterOffsets(String name, List<ConnectorOffset> offsets) {
        requireStopped(name);
        return offsetsService.alter(offsetsTarget(name), offsets);
    }

    @Override
    public synchronized String resetOffsets(String name) {
        requireStopped(name);
        return offsetsService.reset(offsetsTarget(name));
    }

    @Override
    public synchronized Set<String> activeTopics(String name) {
        rawConfig(name);
        return new java.util.TreeSet<>(worker.activeTopics(name));
    }

    @Override
    public synchronized void resetActiveTopics(String name) {
        rawConfig(name);
        worker.resetActiveTopics(name);
    }

    @Override
    public void close() {
        ready = false;
        reconfigurations.shutdownNow();
        synchronized (this) {
            for (String name : store.connectors()) {
                worker.stopTasks(worker.tasksOf(name));
            }
            for (String name : store.connectors()) {
                worker.stopConnector(name);
            }
        }
    }
}
