package dev.rill.connect.internal.herder;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.config.ConfigProviders;
import dev.rill.connect.internal.config.ConnectorConfig;
import dev.rill.connect.internal.config.ConnectorConfigDefs;
import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.plugins.PluginNotFoundException;
import dev.rill.connect.internal.plugins.PluginType;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.runtime.State;
import dev.rill.connect.internal.runtime.StatusStore;
import dev.rill.connect.internal.runtime.TargetState;
import dev.rill.connect.internal.runtime.TaskId;
import dev.rill.connect.internal.runtime.Worker;
import dev.rill.connect.internal.runtime.WorkerConnector;
import dev.rill.connect.internal.storage.OffsetCodec;

/**
 * The standalone herder: every connector and task runs on this one worker, connector configs live in memory
 * (re-read from files at start), source offsets in the offset file. Every operation runs under one lock, so
 * requests see a consistent view; task reconfiguration requested by a connector runs on a helper thread.
 */
public final class StandaloneHerder implements Herder, WorkerConnector.Listener {
    private static final Logger log = LoggerFactory.getLogger(StandaloneHerder.class);

    private final Worker worker;
    private final Plugins plugins;
    private final StatusStore statuses;
    private final ConfigProviders providers;
    private final ConfigValidator validator;
    private final String clusterId;
    private final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    private final Map<String, TargetState> targets = new HashMap<>();
    private final Map<String, List<Map<String, String>>> taskConfigs = new HashMap<>();
    private final Map<String, Set<String>> passwordKeys = new HashMap<>();
    private final ExecutorService reconfigurations = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rill-connect-herder");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean ready;

    public StandaloneHerder(Worker worker, StatusStore statuses, ConfigProviders providers, String clusterId) {
        this.worker = worker;
        this.plugins = worker.plugins();
        this.statuses = statuses;
        this.providers = providers;
        this.validator = new ConfigValidator(plugins, worker);
        this.clusterId = clusterId;
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
        return clusterId;
    }

    @Override
    public synchronized List<String> connectors() {
        return new ArrayList<>(configs.keySet());
    }

    private Map<String, String> rawConfig(String name) {
        Map<String, String> c = configs.get(name);
        if (c == null) {
            throw RequestException.notFound(name);
        }
        return c;
    }

    @Override
    public synchronized ConnectorInfo connectorInfo(String name) {
        Map<String, String> raw = rawConfig(name);
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < taskConfigs.getOrDefault(name, List.of()).size(); i++) {
            ids.add(new TaskId(name, i));
        }
        return new ConnectorInfo(name, masked(name, raw), ids, typeOf(raw));
    }

    @Override
    public synchronized Map<String, String> connectorConfig(String name) {
        return masked(name, rawConfig(name));
    }

    private Map<String, String> masked(String name, Map<String, String> config) {
        Set<String> passwords = passwordKeys.getOrDefault(name, Set.of());
        Map<String, String> out = new TreeMap<>(config);
        for (String k : passwords) {
            if (out.containsKey(k) && out.get(k) != null && !providers.hasPlaceholder(out.get(k))) {
                out.put(k, Password.HIDDEN);
            }
        }
        return out;
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
        if (name == null || name.isBlank()) {
            throw RequestException.badRequest("Connector name must not be empty; give it as \"name\"");
        }
        if (!name.equals(name.trim())) {
            throw RequestException.badRequest("Connector name '" + name + "' has leading or trailing whitespace; "
                    + "remove it");
        }
        Map<String, String> copy = new HashMap<>(config);
        String inConfig = copy.get(ConnectorConfigDefs.NAME);
        if (inConfig != null && !inConfig.equals(name)) {
            throw RequestException.badRequest("Connector name in the config ('" + inConfig + "') does not match the "
                    + "connector name in the request ('" + name + "'); make them equal or drop config.name");
        }
        copy.put(ConnectorConfigDefs.NAME, name);
        boolean exists = configs.containsKey(name);
        if (exists && !allowReplace) {
            throw RequestException.conflict("Connector " + name + " already exists");
        }
        Map<String, String> resolved = resolve(copy);
        ConfigValidator.Result result = validate(resolved);
        if (result.errorCount() > 0) {
            throw RequestException.badRequest("Connector configuration is invalid and contains the following "
                    + result.errorCount() + " error(s):\n" + String.join("\n", result.errorMessages())
                    + "\nYou can also find the above list of errors at the endpoint "
                    + "`/connector-plugins/{connectorType}/config/validate`");
        }
        TargetState target = exists ? targets.get(name) : initialState;
        if (exists) {
            stopAll(name);
        }
        configs.put(name, copy);
        targets.put(name, target);
        passwordKeys.put(name, result.passwordKeys());
        startConnector(name);
        log.info("Connector {} {}", name, exists ? "reconfigured" : "created");
        return new Created<>(!exists, connectorInfo(name));
    }

    private ConfigValidator.Result validate(Map<String, String> resolved) {
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
        configs.remove(name);
        targets.remove(name);
        taskConfigs.remove(name);
        passwordKeys.remove(name);
        statuses.removeConnector(name);
        worker.resetActiveTopics(name);
        log.info("Connector {} deleted", name);
    }

    private void stopAll(String name) {
        worker.stopTasks(worker.tasksOf(name));
        worker.stopConnector(name);
    }

    private void startConnector(String name) {
        Map<String, String> resolved = resolve(configs.get(name));
        TargetState target = targets.get(name);
        boolean ok = worker.startConnector(name, resolved, target, this);
        if (target == TargetState.STOPPED) {
            taskConfigs.put(name, List.of());
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
        List<Map<String, String>> old = taskConfigs.get(name);
        boolean running = !worker.tasksOf(name).isEmpty();
        if (fresh.equals(old) && running) {
            return;
        }
        worker.stopTasks(worker.tasksOf(name));
        for (int i = fresh.size(); old != null && i < old.size(); i++) {
            statuses.removeTask(new TaskId(name, i));
        }
        taskConfigs.put(name, fresh);
        TargetState target = targets.get(name);
        for (int i = 0; i < fresh.size(); i++) {
            worker.startTask(new TaskId(name, i), cc, fresh.get(i), target);
        }
    }

    @Override
    public void onTaskReconfigurationRequest(String connector) {
        reconfigurations.execute(() -> {
            synchronized (StandaloneHerder.this) {
                if (configs.containsKey(connector) && targets.get(connector) == TargetState.STARTED) {
                    updateTasks(connector, resolve(configs.get(connector)));
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
                .orElse(new StatusStore.Status(State.UNASSIGNED, statuses.workerId(), null));
        Map<Integer, StatusStore.Status> tasks = new TreeMap<>();
        int count = taskConfigs.getOrDefault(name, List.of()).size();
        Map<Integer, StatusStore.Status> known = statuses.tasksOf(name);
        for (int i = 0; i < count; i++) {
            tasks.put(i, known.getOrDefault(i, new StatusStore.Status(State.UNASSIGNED, statuses.workerId(), null)));
        }
        return new ConnectorState(name, c, tasks, typeOf(raw));
    }

    @Override
    public synchronized StatusStore.Status taskStatus(TaskId id) {
        requireTask(id);
        return statuses.task(id).orElse(new StatusStore.Status(State.UNASSIGNED, statuses.workerId(), null));
    }

    private void requireTask(TaskId id) {
        rawConfig(id.connector());
        if (id.task() < 0 || id.task() >= taskConfigs.getOrDefault(id.connector(), List.of()).size()) {
            throw new RequestException(404, "Task " + id + " not found; connector " + id.connector() + " has "
                    + taskConfigs.getOrDefault(id.connector(), List.of()).size() + " task(s)");
        }
    }

    @Override
    public synchronized List<TaskInfo> taskConfigs(String name) {
        Map<String, String> raw = rawConfig(name);
        List<TaskInfo> out = new ArrayList<>();
        List<Map<String, String>> list = taskConfigs.getOrDefault(name, List.of());
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
        if (targets.get(name) == TargetState.STOPPED) {
            // Kafka Connect allows pausing a stopped connector: it keeps no tasks
            targets.put(name, TargetState.PAUSED);
            worker.transitionConnector(name, TargetState.PAUSED);
            return;
        }
        targets.put(name, TargetState.PAUSED);
        worker.transitionConnector(name, TargetState.PAUSED);
        for (TaskId id : worker.tasksOf(name)) {
            worker.transitionTask(id, TargetState.PAUSED);
        }
    }

    @Override
    public synchronized void resumeConnector(String name) {
        rawConfig(name);
        targets.put(name, TargetState.STARTED);
        if (worker.connector(name) == null || worker.connector(name).hasFailed()) {
            return;
        }
        worker.transitionConnector(name, TargetState.STARTED);
        for (TaskId id : worker.tasksOf(name)) {
            worker.transitionTask(id, TargetState.STARTED);
        }
        updateTasks(name, resolve(configs.get(name)));
    }

    @Override
    public synchronized void stopConnector(String name) {
        rawConfig(name);
        targets.put(name, TargetState.STOPPED);
        List<TaskId> running = worker.tasksOf(name);
        worker.stopTasks(running);
        for (int i = 0; i < taskConfigs.getOrDefault(name, List.of()).size(); i++) {
            statuses.removeTask(new TaskId(name, i));
        }
        taskConfigs.put(name, List.of());
        worker.transitionConnector(name, TargetState.STOPPED);
    }

    @Override
    public synchronized void restartTask(TaskId id) {
        requireTask(id);
        worker.stopTasks(List.of(id));
        Map<String, String> resolved = resolve(configs.get(id.connector()));
        ConnectorConfig cc = ConnectorConfig.parse(resolved, worker.isSink(resolved.get("connector.class")));
        worker.startTask(id, cc, taskConfigs.get(id.connector()).get(id.task()), targets.get(id.connector()));
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
                ? new StatusStore.Status(State.RESTARTING, before.connector().workerId(), null) : before.connector();
        Map<Integer, StatusStore.Status> tasks = new TreeMap<>(before.tasks());
        for (TaskId id : restartTasks) {
            tasks.put(id.task(), new StatusStore.Status(State.RESTARTING, statuses.workerId(), null));
        }
        ConnectorState response = new ConnectorState(name, connector, tasks, before.type());
        if (restartConnector) {
            statuses.putConnector(name, State.RESTARTING, null);
            restartConnectorInstance(name);
        }
        for (TaskId id : restartTasks) {
            if (id.task() < taskConfigs.getOrDefault(name, List.of()).size()) {
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
    public ConfigValidator.Result validateConnectorConfig(Map<String, String> config) {
        return validate(resolve(config));
    }

    @Override
    public List<PluginDesc> plugins() {
        return plugins.all();
    }

    @Override
    public List<Map<String, Object>> pluginConfig(String plugin) {
        List<PluginDesc> found = plugins.find(plugin, PluginType.values());
        if (found.isEmpty()) {
            throw new RequestException(404, "Unknown plugin " + plugin + "; GET /connector-plugins?connectorsOnly=false "
                    + "lists the installed plugins");
        }
        PluginDesc d = found.get(0);
        Object instance = plugins.newInstance(d.className(), d.type(), Object.class, null);
        ConfigDef def = Plugins.withLoader(d.loader(), () -> configDefOf(instance));
        List<Map<String, Object>> out = new ArrayList<>();
        if (def != null) {
            for (ConfigDef.ConfigKey k : def.configKeys().values()) {
                out.add(ConfigValidator.definition(k));
            }
        }
        return out;
    }

    private static ConfigDef configDefOf(Object plugin) {
        if (plugin instanceof Connector c) {
            return c.config();
        }
        if (plugin instanceof org.apache.kafka.connect.storage.Converter c) {
            return c.config();
        }
        if (plugin instanceof org.apache.kafka.connect.storage.HeaderConverter c) {
            return c.config();
        }
        if (plugin instanceof org.apache.kafka.connect.transforms.Transformation<?> t) {
            return t.config();
        }
        if (plugin instanceof org.apache.kafka.connect.transforms.predicates.Predicate<?> p) {
            return p.config();
        }
        return new ConfigDef();
    }

    // ---- offsets ------------------------------------------------------------------------------------------

    private boolean isSinkConnector(String name) {
        return "sink".equals(typeOf(rawConfig(name)));
    }

    @Override
    public synchronized List<ConnectorOffset> offsets(String name) {
        rawConfig(name);
        List<ConnectorOffset> out = new ArrayList<>();
        if (isSinkConnector(name)) {
            sinkOffsets(name).forEach((tp, om) -> out.add(new ConnectorOffset(sinkPartition(tp),
                    new LinkedHashMap<>(Map.of("kafka_offset", om.offset())))));
            return out;
        }
        OffsetCodec codec = worker.offsetCodec();
        worker.offsetStore().all().forEach((k, v) -> {
            Map.Entry<String, Map<String, Object>> key = k == null ? null : codec.parseKey(k);
            if (key != null && key.getKey().equals(name) && v != null) {
                out.add(new ConnectorOffset(key.getValue(), codec.parseValue(v)));
            }
        });
        return out;
    }

    private static Map<String, Object> sinkPartition(TopicPartition tp) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kafka_topic", tp.topic());
        p.put("kafka_partition", tp.partition());
        return p;
    }

    private Map<TopicPartition, OffsetAndMetadata> sinkOffsets(String name) {
        try {
            Map<TopicPartition, OffsetAndMetadata> m = worker.admin().listConsumerGroupOffsets(
                    Map.of("connect-" + name, new ListConsumerGroupOffsetsSpec()))
                    .partitionsToOffsetAndMetadata("connect-" + name).get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
            m.forEach((tp, om) -> {
                if (om != null) {
                    out.put(tp, om);
                }
            });
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw new RequestException(500, "Could not read the offsets of consumer group connect-" + name + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new RequestException(500, "Could not read the offsets of consumer group connect-" + name + ": " + e,
                    e);
        }
    }

    private void requireStopped(String name) {
        rawConfig(name);
        if (targets.get(name) != TargetState.STOPPED || !worker.tasksOf(name).isEmpty()) {
            throw RequestException.badRequest("Connectors must be in the STOPPED state before their offsets can be "
                    + "modified; connector " + name + " is " + connectorStatus(name).connector().state()
                    + ". Stop it first with PUT /connectors/" + name + "/stop");
        }
    }

    @Override
    public synchronized String alterOffsets(String name, List<ConnectorOffset> offsets) {
        requireStopped(name);
        if (offsets == null || offsets.isEmpty()) {
            throw RequestException.badRequest("The request body must list offsets: {\"offsets\": [{\"partition\": "
                    + "{...}, \"offset\": {...} or null}]}");
        }
        return isSinkConnector(name) ? alterSinkOffsets(name, offsets, false) : alterSourceOffsets(name, offsets);
    }

    @Override
    public synchronized String resetOffsets(String name) {
        requireStopped(name);
        if (isSinkConnector(name)) {
            return alterSinkOffsets(name, List.of(), true);
        }
        List<ConnectorOffset> all = new ArrayList<>();
        for (ConnectorOffset o : offsets(name)) {
            all.add(new ConnectorOffset(o.partition(), null));
        }
        if (all.isEmpty()) {
            return "The offsets for this connector have been reset successfully";
        }
        alterSourceOffsets(name, all);
        return "The offsets for this connector have been reset successfully";
    }

    private String alterSourceOffsets(String name, List<ConnectorOffset> offsets) {
        Map<Map<String, ?>, Map<String, ?>> forConnector = new HashMap<>();
        Map<ByteBuffer, ByteBuffer> writes = new HashMap<>();
        OffsetCodec codec = worker.offsetCodec();
        for (ConnectorOffset o : offsets) {
            if (o.partition() == null) {
                throw RequestException.badRequest("Every offset entry needs a non-null \"partition\" object");
            }
            forConnector.put(o.partition(), o.offset());
            writes.put(codec.key(name, o.partition()), codec.value(o.offset()));
        }
        boolean managesOffsets = callAlterOffsets(name, c -> ((SourceConnector) c).alterOffsets(
                resolve(configs.get(name)), forConnector));
        worker.offsetStore().set(writes);
        return managesOffsets || offsets.stream().allMatch(o -> o.offset() == null)
                ? (offsets.stream().allMatch(o -> o.offset() == null) && offsets.size() > 0
                    ? "The offsets for this connector have been reset successfully"
                    : "The offsets for this connector have been altered successfully")
                : "The Connect framework-managed offsets for this connector have been altered successfully. However, "
                    + "if this connector manages offsets externally, they will need to be manually altered in the "
                    + "system that the connector uses.";
    }

    private String alterSinkOffsets(String name, List<ConnectorOffset> offsets, boolean resetAll) {
        String group = "connect-" + name;
        Map<TopicPartition, OffsetAndMetadata> alter = new HashMap<>();
        Set<TopicPartition> delete = new HashSet<>();
        if (resetAll) {
            delete.addAll(sinkOffsets(name).keySet());
        }
        for (ConnectorOffset o : offsets) {
            TopicPartition tp = sinkTopicPartition(o.partition());
            if (o.offset() == null) {
                delete.add(tp);
            } else {
                Object off = o.offset().get("kafka_offset");
                if (!(off instanceof Number n) || n.longValue() < 0) {
                    throw RequestException.badRequest("Sink offsets need {\"kafka_offset\": <non-negative number>}; "
                            + "found " + o.offset() + " for " + tp);
                }
                alter.put(tp, new OffsetAndMetadata(n.longValue()));
            }
        }
        Map<TopicPartition, Long> forConnector = new HashMap<>();
        alter.forEach((tp, om) -> forConnector.put(tp, om.offset()));
        delete.forEach(tp -> forConnector.put(tp, null));
        callAlterOffsets(name, c -> ((SinkConnector) c).alterOffsets(resolve(configs.get(name)), forConnector));
        try {
            if (!alter.isEmpty()) {
                worker.admin().alterConsumerGroupOffsets(group, alter).all().get(30, TimeUnit.SECONDS);
            }
            if (!delete.isEmpty()) {
                worker.admin().deleteConsumerGroupOffsets(group, delete).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw RequestException.badRequest("Consumer group " + group + " still has members; wait until the "
                        + "stopped connector's consumers have left, then retry");
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new RequestException(500, "Could not alter offsets of consumer group " + group + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (Exception e) {
            throw new RequestException(500, "Could not alter offsets of consumer group " + group + ": " + e, e);
        }
        return resetAll || (alter.isEmpty() && !delete.isEmpty())
                ? "The offsets for this connector have been reset successfully"
                : "The offsets for this connector have been altered successfully";
    }

    private static TopicPartition sinkTopicPartition(Map<String, Object> partition) {
        Object topic = partition == null ? null : partition.get("kafka_topic");
        Object part = partition == null ? null : partition.get("kafka_partition");
        if (!(topic instanceof String t) || !(part instanceof Number p)) {
            throw RequestException.badRequest("Sink partitions need {\"kafka_topic\": <string>, \"kafka_partition\": "
                    + "<number>}; found " + partition);
        }
        return new TopicPartition(t, p.intValue());
    }

    private interface AlterCall {
        boolean call(Connector c);
    }

    private boolean callAlterOffsets(String name, AlterCall call) {
        PluginDesc desc = plugins.connector(configs.get(name).get(ConnectorConfigDefs.CONNECTOR_CLASS));
        Connector c = plugins.newInstance(desc.className(), desc.type(), Connector.class, null);
        try {
            return Plugins.withLoader(desc.loader(), () -> call.call(c));
        } catch (UnsupportedOperationException e) {
            throw RequestException.badRequest("Connector " + name + " does not support altering its offsets: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            throw RequestException.badRequest("Connector " + name + " rejected the offsets: " + e.getMessage());
        }
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
            for (String name : new ArrayList<>(configs.keySet())) {
                worker.stopTasks(worker.tasksOf(name));
            }
            for (String name : new ArrayList<>(configs.keySet())) {
                worker.stopConnector(name);
            }
        }
    }
}
