package dev.rill.connect.internal.herder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.config.ConfigProviders;
import dev.rill.connect.internal.config.ConnectorConfig;
import dev.rill.connect.internal.config.ConnectorConfigDefs;
import dev.rill.connect.internal.config.DistributedConfig;
import dev.rill.connect.internal.config.SecretMasking;
import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.plugins.PluginNotFoundException;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.runtime.Worker;
import dev.rill.connect.internal.runtime.WorkerConnector;
import dev.rill.connect.internal.storage.KafkaConfigStore;
import dev.rill.connect.internal.storage.KafkaStatusStore;
import dev.rill.connect.internal.storage.SessionKey;
import dev.rill.connect.internal.storage.State;
import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.storage.TaskId;

/**
 * The distributed herder: workers with the same {@code group.id} form a group through Kafka's group coordinator
 * ({@link WorkerGroupMember}); configs, target states and task configs live in the config topic, statuses in the
 * status topic, offsets in the offsets topic, so every worker reads the same cluster state.
 *
 * <p>Roles. The group leader runs every connector instance and is the only writer of the config topic: REST writes
 * reach it (other workers forward them), and it writes the task configs its connectors generate. Tasks are spread
 * over all workers by the leader's sticky assignment ({@link TaskAssignments}): a rebalance only starts and stops
 * the tasks that move. A dead worker's tasks move once the coordinator drops it (the session timeout). The leader
 * also keeps the group's session key fresh ({@code inter.worker.key.ttl.ms}), with which the internal task-config
 * endpoint is signed ({@link RequestSignature}).
 *
 * <p>Threads. One herder thread polls the group membership, applies assignments and reconciles what runs with the
 * config topic; REST threads read the stores and write to the config topic, then wake the herder thread. Both hold
 * this object's lock while they touch the {@link Worker}.
 */
public final class DistributedHerder implements Herder, WorkerConnector.Listener {
    private static final Logger log = LoggerFactory.getLogger(DistributedHerder.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    /**
     * A connector instance is placed like a task, as the pseudo-task {@code (connector, -1)}: the leader spreads
     * connectors and tasks together over the workers, sticky and least-loaded (as Apache's incremental cooperative
     * assignor spreads connectors and tasks).
     */
    private static final int CONNECTOR_INSTANCE = -1;

    private final Worker worker;
    private final Plugins plugins;
    private final KafkaConfigStore store;
    private final KafkaStatusStore statuses;
    private final ConfigProviders providers;
    private final ConfigValidator validator;
    private final ConnectorOffsetsService offsetsService;
    private final PluginDescriptions descriptions;
    private final SecretMasking masking;
    private final Supplier<String> clusterId;
    private final Supplier<String> workerUrl;
    private final WorkerGroupMember member;
    private final DistributedConfig config;
    private final Thread thread;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CountDownLatch firstAssignment = new CountDownLatch(1);
    private final AtomicReference<GroupMessages.Assignment> pending = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean dirty = new java.util.concurrent.atomic.AtomicBoolean(true);

    private volatile boolean running;
    private volatile boolean rebalancing = true;
    private volatile GroupMessages.Assignment assignment;
    private volatile int generation = -1;
    private final String workerToken = java.util.UUID.randomUUID().toString();

    // herder thread (and REST threads under the lock)
    private final Map<TaskId, Map<String, String>> runningTasks = new HashMap<>();
    private final Map<TaskId, TargetState> taskTargets = new HashMap<>();
    private final Map<String, Map<String, String>> runningConnectors = new HashMap<>();
    private final Map<String, TargetState> connectorTargets = new HashMap<>();
    private final Set<String> regenerate = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Map<String, Integer> assignedTaskCounts = Map.of();
    /** Leader: the connectors placed at the last rebalance. */
    private Set<String> assignedConnectors = Set.of();
    private boolean rebalanceRequested;
    /** Leader: another rebalance is needed (revoked tasks to place, a stop to confirm). */
    private boolean rebalanceWanted;
    /** Leader: connectors of which some worker ran tasks at the last rebalance, and how many rebalances it led. */
    private Set<String> connectorsWithTasks = Set.of();
    private long assignments;

    public DistributedHerder(Worker worker, KafkaConfigStore store, KafkaStatusStore statuses,
                             ConfigProviders providers, Supplier<String> clusterId, Supplier<String> workerUrl,
                             Map<String, Object> clientProps, DistributedConfig config, String clientId) {
        this.worker = worker;
        this.plugins = worker.plugins();
        this.store = store;
        this.statuses = statuses;
        this.providers = providers;
        this.validator = new ConfigValidator(plugins, worker);
        this.clusterId = clusterId;
        this.workerUrl = workerUrl;
        this.offsetsService = new ConnectorOffsetsService(worker::offsetStoreFor, worker.offsetCodec(), worker::admin,
                ConnectorOffsetsService.ConnectorCaller.of(plugins));
        this.descriptions = new PluginDescriptions(plugins);
        this.masking = new SecretMasking(providers);
        this.config = config;
        this.member = new WorkerGroupMember(clientProps, config, clientId, new Membership());
        this.thread = new Thread(this::run, "rill-connect-distributed-herder");
        thread.setDaemon(true);
        store.listener(this::changed);
    }

    /** Something the herder thread reconciles changed (a config record, a request): wake it. */
    private void changed() {
        dirty.set(true);
        member.wakeup();
    }

    /** The group generation this worker's statuses are written in. */
    public int generation() {
        return generation;
    }

    /** Joins the group and starts the herder thread; returns once the first assignment is applied. */
    public void start(Duration timeout) {
        running = true;
        member.join();
        thread.start();
        try {
            if (!firstAssignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("No assignment from the worker group within {}; the worker keeps trying", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the herder thread ---------------------------------------------------------------------------------

    private void run() {
        while (running) {
            try {
                member.poll(POLL);
                if (!running) {
                    break;
                }
                synchronized (this) {
                    GroupMessages.Assignment a = pending.getAndSet(null);
                    if (a != null) {
                        apply(a);
                        dirty.set(true);
                    }
                    if (assignment != null && !rebalancing && isLeader()) {
                        ensureSessionKey();
                    }
                    // reconcile only after a change: resolving configs may call config providers (files, vaults)
                    if (assignment != null && !rebalancing && dirty.getAndSet(false)) {
                        reconcileConnectors();
                        reconcileTasks();
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.error("The distributed herder's loop failed; it goes on", e);
                }
            }
        }
    }

    private boolean isLeader() {
        GroupMessages.Assignment a = assignment;
        return a != null && workerToken.equals(a.leader());
    }

    /**
     * Leader: writes a new session key when there is none or the current one is older than
     * {@code inter.worker.key.ttl.ms}; every worker then reads it from the config topic.
     */
    private void ensureSessionKey() {
        SessionKey current = store.sessionKey();
        long now = System.currentTimeMillis();
        if (current != null && !current.expired(now, config.keyTtlMs())) {
            return;
        }
        try {
            javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance(
                    config.keyGenerationAlgorithm());
            if (config.keySize() != null) {
                generator.init(config.keySize());
            }
            store.putSessionKey(new SessionKey(generator.generateKey().getEncoded(), config.keyGenerationAlgorithm(),
                    now));
            log.info("Wrote a new session key ({}, {})", config.keyGenerationAlgorithm(),
                    current == null ? "none before" : "the previous one expired");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("inter.worker.key.generation.algorithm " + config.keyGenerationAlgorithm()
                    + " vanished from the JVM", e);
        }
    }

    /** The session key this worker knows (read from the config topic), null before the leader wrote one. */
    public SessionKey sessionKey() {
        return store.sessionKey();
    }

    /** The worker side of the group protocol; called on the herder thread, inside a poll. */
    private final class Membership implements WorkerAssignor.Member {
        @Override
        public byte[] metadata() {
            rebalancing = true;
            synchronized (DistributedHerder.this) {
                Set<TaskId> running = new TreeSet<>(runningTasks.keySet());
                runningConnectors.keySet().forEach(name -> running.add(instanceOf(name)));
                return GroupMessages.metadata(new GroupMessages.Metadata(workerToken, workerUrl.get(), store.offset(),
                        running));
            }
        }

        @Override
        public Map<String, byte[]> assign(Map<String, byte[]> metadataByMember) {
            return leaderAssign(metadataByMember);
        }

        @Override
        public void assigned(byte[] data, int gen) {
            generation = gen;
            pending.set(GroupMessages.parseAssignment(data));
            rebalancing = false;
            member.wakeup(); // the poll would otherwise wait out its timeout before the assignment is applied
        }
    }

    private Map<String, byte[]> leaderAssign(Map<String, byte[]> metadataByMember) {
        store.refresh();
        Map<String, GroupMessages.Metadata> members = new TreeMap<>();
        metadataByMember.forEach((id, bytes) -> members.put(id, GroupMessages.parseMetadata(bytes)));
        Map<String, Integer> counts = taskCounts();
        Set<TaskId> tasks = new TreeSet<>();
        counts.forEach((connector, n) -> {
            for (int i = 0; i < n; i++) {
                tasks.add(new TaskId(connector, i));
            }
        });
        Set<String> connectors = new TreeSet<>(store.connectors());
        connectors.forEach(name -> tasks.add(instanceOf(name)));
        Map<String, Set<TaskId>> owned = new TreeMap<>();
        members.forEach((id, m) -> owned.put(id, m.tasks()));
        Set<String> running = new TreeSet<>();
        owned.values().forEach(tasksOf -> tasksOf.stream().filter(t -> t.task() != CONNECTOR_INSTANCE)
                .forEach(t -> running.add(t.connector())));
        Map<String, Set<TaskId>> placed = TaskAssignments.assign(owned, tasks);
        Set<TaskId> revoked = TaskAssignments.revocations(placed);
        placed.values().forEach(mine -> mine.removeAll(revoked));
        Map<TaskId, String> owners = new TreeMap<>();
        placed.forEach((id, mine) -> mine.forEach(t -> owners.put(t, members.get(id).url())));
        // the member ids of this round are not known to the leader's consumer yet: it names itself by its token
        String self = workerToken;
        long offset = store.offset();
        Map<String, byte[]> out = new HashMap<>();
        placed.forEach((id, mine) -> out.put(id, GroupMessages.assignment(new GroupMessages.Assignment(self,
                workerUrl.get(), offset, mine, owners))));
        synchronized (this) {
            // revoked tasks are placed in a follow-up rebalance, once their workers have stopped them
            assignedTaskCounts = counts;
            assignedConnectors = connectors;
            rebalanceWanted = !revoked.isEmpty();
            rebalanceRequested = false;
            connectorsWithTasks = running;
            assignments++;
            notifyAll();
        }
        log.info("Assigned {} connectors and their {} tasks to {} workers (a connector instance shown as task -1): "
                + "{}{}", connectors.size(), tasks.size() - connectors.size(), members.size(), placed,
                revoked.isEmpty() ? "" : "; revoked to balance: " + revoked);
        return out;
    }

    /** Task counts of the connectors whose tasks should run (not STOPPED). */
    private Map<String, Integer> taskCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String name : store.connectors()) {
            if (store.targetState(name) != TargetState.STOPPED) {
                counts.put(name, store.taskConfigs(name).size());
            }
        }
        return counts;
    }

    private void apply(GroupMessages.Assignment a) {
        if (store.offset() < a.configOffset()) {
            store.refresh();
        }
        boolean wasLeader = isLeader();
        assignment = a;
        List<TaskId> revoked = new ArrayList<>();
        for (TaskId id : runningTasks.keySet()) {
            if (!a.tasks().contains(id)) {
                revoked.add(id);
            }
        }
        stopTasks(revoked);
        for (TaskId id : a.tasks()) {
            if (id.task() != CONNECTOR_INSTANCE && !runningTasks.containsKey(id)) {
                startTask(id);
            }
        }
        for (String name : new ArrayList<>(runningConnectors.keySet())) {
            if (!a.tasks().contains(instanceOf(name))) {
                stopConnectorInstance(name);
            }
        }
        if (isLeader() && !wasLeader) {
            log.info("This worker ({}) leads the group in generation {}", workerUrl.get(), generation);
        }
        log.info("Generation {}: running connectors {} and tasks {} (stopped tasks {})", generation,
                assignedConnectorNames(a), new TreeSet<>(runningTasks.keySet()), revoked);
        firstAssignment.countDown();
    }

    private void stopTasks(List<TaskId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        worker.stopTasks(ids);
        ids.forEach(id -> {
            runningTasks.remove(id);
            taskTargets.remove(id);
        });
    }

    private void startTask(TaskId id) {
        Map<String, String> raw = store.connectorConfig(id.connector());
        List<Map<String, String>> configs = store.taskConfigs(id.connector());
        if (raw == null || id.task() >= configs.size()) {
            return;
        }
        TargetState target = store.targetState(id.connector());
        Map<String, String> taskConfig = configs.get(id.task());
        try {
            Map<String, String> resolved = providers.resolve(raw);
            ConnectorConfig cc = ConnectorConfig.parse(resolved,
                    worker.isSink(resolved.get(ConnectorConfigDefs.CONNECTOR_CLASS)));
            worker.startTask(id, cc, taskConfig, target);
        } catch (RuntimeException e) {
            log.error("Could not start task {}", id, e);
            statuses.putTask(id, State.FAILED, e);
        }
        runningTasks.put(id, taskConfig);
        taskTargets.put(id, target);
    }

    /** Follows config changes for this worker's tasks: new task configs restart a task, target states move it. */
    private void reconcileTasks() {
        for (TaskId id : new ArrayList<>(runningTasks.keySet())) {
            List<Map<String, String>> configs = store.taskConfigs(id.connector());
            TargetState target = store.targetState(id.connector());
            if (target == null || target == TargetState.STOPPED || id.task() >= configs.size()) {
                stopTasks(List.of(id));
            } else if (!configs.get(id.task()).equals(runningTasks.get(id))) {
                stopTasks(List.of(id));
                startTask(id);
            } else if (target != taskTargets.get(id)) {
                worker.transitionTask(id, target);
                taskTargets.put(id, target);
            }
        }
    }

    private static TaskId instanceOf(String connector) {
        return new TaskId(connector, CONNECTOR_INSTANCE);
    }

    private static Set<String> assignedConnectorNames(GroupMessages.Assignment a) {
        Set<String> out = new TreeSet<>();
        if (a != null) {
            a.tasks().stream().filter(t -> t.task() == CONNECTOR_INSTANCE).forEach(t -> out.add(t.connector()));
        }
        return out;
    }

    /**
     * Runs the connectors assigned to this worker per their target states and has their task configs written (by
     * the leader, which is the one writer of the config topic: a follower sends them to it, signed). The leader
     * also clears the task configs of stopped connectors and rebalances when connectors or task counts change.
     */
    private void reconcileConnectors() {
        Set<String> mine = assignedConnectorNames(assignment);
        for (String name : store.connectors()) {
            Map<String, String> raw = store.connectorConfig(name);
            TargetState target = store.targetState(name);
            if (raw == null || target == null) {
                continue;
            }
            if (isLeader() && target == TargetState.STOPPED && !store.taskConfigs(name).isEmpty()) {
                store.putTaskConfigs(name, List.of());
            }
            if (!mine.contains(name)) {
                continue;
            }
            Map<String, String> resolved;
            try {
                resolved = providers.resolve(raw);
            } catch (RuntimeException e) {
                statuses.putConnector(name, State.FAILED, e);
                continue;
            }
            WorkerConnector wc = worker.connector(name);
            if (wc == null || !resolved.equals(runningConnectors.get(name))) {
                if (wc != null) {
                    worker.stopConnector(name);
                }
                runningConnectors.put(name, resolved);
                connectorTargets.put(name, target);
                worker.startConnector(name, resolved, target, this);
                regenerate.add(name);
            } else if (target != connectorTargets.get(name)) {
                worker.transitionConnector(name, target);
                connectorTargets.put(name, target);
                regenerate.add(name);
            }
            if (target == TargetState.STOPPED) {
                regenerate.remove(name);
            } else if (target == TargetState.STARTED && regenerate.remove(name)) {
                writeTaskConfigs(name, resolved);
            }
        }
        for (String name : new ArrayList<>(runningConnectors.keySet())) {
            if (!store.contains(name) || !mine.contains(name)) {
                stopConnectorInstance(name);
            }
        }
        if (isLeader() && !rebalanceRequested && (rebalanceWanted || !taskCounts().equals(assignedTaskCounts)
                || !new TreeSet<>(store.connectors()).equals(assignedConnectors))) {
            // no wakeup here: waking the member would break off the rebalance it is about to run
            rebalanceRequested = true;
            rebalanceWanted = false;
            member.requestRebalance();
        }
    }

    /**
     * Exactly-once sources: before a new generation of a connector's tasks starts, the producers of every task of
     * the previous generation are fenced, so that none of them (a zombie on a worker that has not noticed the
     * change yet, or a task whose number no longer exists) can commit another transaction.
     */
    private void fenceZombies(String name, int previousTasks) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < previousTasks; i++) {
            ids.add(Worker.transactionalId(config.groupId(), new TaskId(name, i)));
        }
        try {
            worker.admin().fenceProducers(ids).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.connect.errors.ConnectException("Interrupted while fencing the producers " + ids, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new org.apache.kafka.connect.errors.ConnectException("Could not fence the producers " + ids + ": " + e.getMessage(), e);
        }
        log.info("Connector {}: fenced the producers of its {} previous tasks before writing new task configs", name,
                previousTasks);
    }

    private void writeTaskConfigs(String name, Map<String, String> resolved) {
        WorkerConnector wc = worker.connector(name);
        if (wc == null || !wc.isStarted()) {
            return;
        }
        List<Map<String, String>> fresh;
        try {
            fresh = worker.taskConfigs(name, ConnectorConfig.parse(resolved, wc.isSink()));
        } catch (Throwable t) {
            log.error("Connector {} could not generate task configs", name, t);
            statuses.putConnector(name, State.FAILED, t);
            return;
        }
        if (fresh.equals(store.taskConfigs(name))) {
            return;
        }
        if (isLeader()) {
            storeTaskConfigs(name, fresh, wc.isSink());
            return;
        }
        try {
            sendTaskConfigsToLeader(name, fresh);
        } catch (RuntimeException e) {
            // a rebalance, a leader that has not written the session key yet, a leader gone: ask again shortly
            log.info("Connector {}: could not send its {} task configs to the leader yet ({}); trying again", name,
                    fresh.size(), e.getMessage());
            regenerate.add(name);
            dirty.set(true);
        }
    }

    /**
     * Leader: writes a connector's new task configs; for an exactly-once source the producers of the previous
     * generation are fenced first, and when that fails nothing is written (the connector is marked FAILED).
     */
    private void storeTaskConfigs(String name, List<Map<String, String>> fresh, boolean sink) {
        List<Map<String, String>> old = store.taskConfigs(name);
        if (fresh.equals(old)) {
            return;
        }
        if (!sink && !old.isEmpty() && config.exactlyOnceSourceSupport().fencesZombies()) {
            try {
                fenceZombies(name, old.size());
            } catch (RuntimeException e) {
                log.error("Connector {}: could not fence the producers of its {} previous tasks, so its new "
                        + "task configs are not written (exactly.once.source.support={}); restart the "
                        + "connector to try again", name, old.size(), config.exactlyOnceSourceSupport(), e);
                statuses.putConnector(name, State.FAILED, e);
                return;
            }
        }
        store.putTaskConfigs(name, fresh);
        for (int i = fresh.size(); i < old.size(); i++) {
            statuses.removeTask(new TaskId(name, i));
        }
        log.info("Connector {} has {} task configs", name, fresh.size());
    }

    /** Follower: {@code POST /connectors/{c}/tasks} on the leader, signed with the session key, as Apache does. */
    private void sendTaskConfigsToLeader(String name, List<Map<String, String>> taskConfigs) {
        GroupMessages.Assignment a = assignment;
        SessionKey key = store.sessionKey();
        if (a == null || key == null) {
            throw new IllegalStateException("no leader or session key known yet");
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(taskConfigs);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String base = a.leaderUrl().endsWith("/") ? a.leaderUrl().substring(0, a.leaderUrl().length() - 1)
                : a.leaderUrl();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/connectors/" + encode(name)
                        + "/tasks?forward=false"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        RequestSignature.headers(key, config.signatureAlgorithm(), body).forEach(request::header);
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                throw new IllegalStateException("the leader at " + base + " answered " + r.statusCode() + ": "
                        + r.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the leader at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        log.info("Connector {}: sent its {} task configs to the leader at {}", name, taskConfigs.size(), base);
    }

    private void stopConnectorInstance(String name) {
        worker.stopConnector(name);
        runningConnectors.remove(name);
        connectorTargets.remove(name);
    }

    @Override
    public void onTaskReconfigurationRequest(String connector) {
        regenerate.add(connector);
        changed();
    }

    @Override
    public void onFailure(String connector, Throwable error) {
        log.error("Connector {} raised an error", connector, error);
    }

    // ---- REST: forwarding ------------------------------------------------------------------------------------

    @Override
    public Optional<String> leaderUrlForWrites() {
        // during a rebalance the last generation's leader goes on handling writes: they go to the one config topic,
        // whose order every worker follows, so a write handled by a leader that is being replaced is not lost
        GroupMessages.Assignment a = assignment;
        if (a == null) {
            throw RequestException.conflict("Cannot complete request because of a conflicting operation (e.g. "
                    + "worker rebalance); retry in a moment");
        }
        return isLeader() ? Optional.empty() : Optional.of(a.leaderUrl());
    }

    // ---- REST: reads -----------------------------------------------------------------------------------------

    @Override
    public boolean isReady() {
        return running && assignment != null;
    }

    @Override
    public String kafkaClusterId() {
        return clusterId.get();
    }

    @Override
    public List<String> connectors() {
        return store.connectors();
    }

    private Map<String, String> rawConfig(String name) {
        Map<String, String> c = store.connectorConfig(name);
        if (c == null) {
            throw RequestException.notFound(name);
        }
        return c;
    }

    private Map<String, String> masked(String name, Map<String, String> config) {
        if (!masking.knows(name)) {
            try {
                masking.passwordKeys(name, validate(resolve(rawConfig(name))).passwordKeys());
            } catch (RuntimeException e) {
                log.debug("Could not learn the password keys of {}", name, e);
            }
        }
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
    public ConnectorInfo connectorInfo(String name) {
        Map<String, String> raw = rawConfig(name);
        return new ConnectorInfo(name, masked(name, raw), taskIds(name), typeOf(raw));
    }

    private List<TaskId> taskIds(String name) {
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < store.taskConfigs(name).size(); i++) {
            ids.add(new TaskId(name, i));
        }
        return ids;
    }

    @Override
    public Map<String, String> connectorConfig(String name) {
        return masked(name, rawConfig(name));
    }

    @Override
    public ConnectorState connectorStatus(String name) {
        Map<String, String> raw = rawConfig(name);
        StatusStore.Status c = statuses.connector(name)
                .orElseGet(() -> new StatusStore.Status(State.UNASSIGNED, null, null, null));
        Map<Integer, StatusStore.Status> tasks = new TreeMap<>();
        Map<Integer, StatusStore.Status> known = statuses.tasksOf(name);
        int count = store.taskConfigs(name).size();
        for (int i = 0; i < count; i++) {
            StatusStore.Status t = known.get(i);
            tasks.put(i, t != null ? t : new StatusStore.Status(State.UNASSIGNED, null, null, null));
        }
        return new ConnectorState(name, c, tasks, typeOf(raw));
    }

    @Override
    public StatusStore.Status taskStatus(TaskId id) {
        requireTask(id);
        return statuses.task(id).orElseGet(() -> new StatusStore.Status(State.UNASSIGNED, null, null, null));
    }

    private void requireTask(TaskId id) {
        rawConfig(id.connector());
        int count = store.taskConfigs(id.connector()).size();
        if (id.task() < 0 || id.task() >= count) {
            throw new RequestException(404, "Task " + id + " not found; connector " + id.connector() + " has "
                    + count + " task(s)");
        }
    }

    @Override
    public List<TaskInfo> taskConfigs(String name) {
        Map<String, String> raw = rawConfig(name);
        List<TaskInfo> out = new ArrayList<>();
        List<Map<String, String>> list = store.taskConfigs(name);
        for (int i = 0; i < list.size(); i++) {
            Map<String, String> shown = new TreeMap<>(list.get(i));
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

    @Override
    public Set<String> activeTopics(String name) {
        rawConfig(name);
        return new TreeSet<>(worker.activeTopics(name));
    }

    @Override
    public void resetActiveTopics(String name) {
        rawConfig(name);
        worker.resetActiveTopics(name);
    }

    @Override
    public List<ConnectorOffset> offsets(String name) {
        return offsetsService.offsets(offsetsTarget(name));
    }

    private ConnectorOffsetsService.Target offsetsTarget(String name) {
        Map<String, String> raw = rawConfig(name);
        return new ConnectorOffsetsService.Target(name, "sink".equals(typeOf(raw)),
                () -> resolve(store.connectorConfig(name)));
    }

    // ---- REST: writes (on the leader) --------------------------------------------------------------------------

    private ConfigInfos validate(Map<String, String> resolved) {
        String cls = resolved.get(ConnectorConfigDefs.CONNECTOR_CLASS);
        if (cls == null || cls.isBlank()) {
            throw RequestException.badRequest("Connector config {name=" + resolved.get("name") + "} contains no "
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

    private Map<String, String> resolve(Map<String, String> raw) {
        try {
            return providers.resolve(raw);
        } catch (ConfigException e) {
            throw RequestException.badRequest("Could not resolve a ${provider:path:key} placeholder: "
                    + e.getMessage());
        }
    }

    @Override
    public Created<ConnectorInfo> putConnectorConfig(String name, Map<String, String> config,
                                                     TargetState initialState, boolean allowReplace) {
        ConnectorNames.requireValid(name);
        store.refresh();
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
        ConfigInfos result = validate(resolve(copy));
        if (result.errorCount() > 0) {
            throw RequestException.badRequest("Connector configuration is invalid and contains the following "
                    + result.errorCount() + " error(s):\n" + String.join("\n", result.errorMessages())
                    + "\nYou can also find the above list of errors at the endpoint "
                    + "`/connector-plugins/{connectorType}/config/validate`");
        }
        masking.passwordKeys(name, result.passwordKeys());
        // As Apache's worker answers: the new config with the tasks known before the write (none for a new
        // connector); the herder thread may generate the new tasks before this method returns.
        List<TaskId> tasksBefore = taskIds(name);
        store.putConnectorConfig(name, copy, exists ? null : initialState);
        log.info("Connector {} {}", name, exists ? "reconfigured" : "created");
        changed();
        return new Created<>(!exists, new ConnectorInfo(name, masked(name, copy), tasksBefore, typeOf(copy)));
    }

    @Override
    public ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch) {
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
    public void deleteConnector(String name) {
        rawConfig(name);
        store.removeConnector(name);
        masking.forget(name);
        statuses.removeConnector(name);
        changed();
        log.info("Connector {} deleted", name);
    }

    @Override
    public void pauseConnector(String name) {
        rawConfig(name);
        store.putTargetState(name, TargetState.PAUSED);
        changed();
    }

    @Override
    public void resumeConnector(String name) {
        rawConfig(name);
        store.putTargetState(name, TargetState.STARTED);
        changed();
    }

    @Override
    public void stopConnector(String name) {
        rawConfig(name);
        int count = store.taskConfigs(name).size();
        long before;
        synchronized (this) {
            before = assignments;
        }
        store.putTargetState(name, TargetState.STOPPED);
        store.putTaskConfigs(name, List.of());
        for (int i = 0; i < count; i++) {
            statuses.removeTask(new TaskId(name, i));
        }
        changed();
        if (count > 0) {
            awaitTasksReleased(name, before, 30_000);
        }
    }

    /**
     * Waits until a rebalance after {@code before} finds no worker running tasks of the connector, so that a stop is
     * complete when it is answered (Apache's requirement before offsets may be altered; a sink's consumers have left
     * their group by then).
     */
    private synchronized void awaitTasksReleased(String name, long before, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (assignments <= before || connectorsWithTasks.contains(name)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || !running) {
                log.warn("Tasks of connector {} were still running {} ms after it was stopped", name, timeoutMs);
                return;
            }
            if (assignments > before && connectorsWithTasks.contains(name)) {
                // a rebalance ran before every worker had stopped the tasks: ask for another
                before = assignments;
                rebalanceWanted = true;
                dirty.set(true);
            }
            try {
                wait(Math.min(left, 200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void restartTask(TaskId id) {
        requireTask(id);
        synchronized (this) {
            if (runningTasks.containsKey(id)) {
                stopTasks(List.of(id));
                startTask(id);
                return;
            }
        }
        GroupMessages.Assignment a = assignment;
        String owner = a == null ? null : a.owners().get(id);
        if (owner == null) {
            throw RequestException.conflict("Task " + id + " is not assigned to a worker right now (a rebalance may "
                    + "be under way); retry in a moment");
        }
        forward("POST", owner, "/connectors/" + encode(id.connector()) + "/tasks/" + id.task() + "/restart");
    }

    private void forward(String method, String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri = URI.create(base + path + "?forward=false");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                throw new RequestException(r.statusCode(), "The worker at " + base + " answered " + r.statusCode()
                        + ": " + r.body());
            }
        } catch (java.io.IOException e) {
            throw new RequestException(500, "Could not reach the worker at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestException(500, "Interrupted while forwarding to " + base);
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public Optional<ConnectorState> restartConnector(String name, boolean includeTasks, boolean onlyFailed) {
        rawConfig(name);
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
        if (restartConnector) {
            boolean local;
            synchronized (this) {
                local = runningConnectors.containsKey(name);
                if (local) {
                    statuses.putConnector(name, State.RESTARTING, null);
                    stopConnectorInstance(name);
                }
            }
            if (local) {
                changed();
            } else {
                GroupMessages.Assignment a = assignment;
                String owner = a == null ? null : a.owners().get(instanceOf(name));
                if (owner == null) {
                    throw RequestException.conflict("Connector " + name + " is not assigned to a worker right now "
                            + "(a rebalance may be under way); retry in a moment");
                }
                forward("POST", owner, "/connectors/" + encode(name) + "/restart");
            }
        }
        for (TaskId id : restartTasks) {
            statuses.putTask(id, State.RESTARTING, null);
            restartTask(id);
        }
        if (!includeTasks && !onlyFailed) {
            return Optional.empty();
        }
        Map<Integer, StatusStore.Status> tasks = new TreeMap<>(before.tasks());
        for (TaskId id : restartTasks) {
            StatusStore.Status s = tasks.get(id.task());
            tasks.put(id.task(), new StatusStore.Status(State.RESTARTING, s == null ? null : s.workerId(), null,
                    s == null ? null : s.version()));
        }
        StatusStore.Status c = before.connector();
        StatusStore.Status connector = restartConnector
                ? new StatusStore.Status(State.RESTARTING, c.workerId(), null, c.version()) : c;
        return Optional.of(new ConnectorState(name, connector, tasks, before.type()));
    }

    @Override
    public void putTaskConfigs(String name, Supplier<List<Map<String, String>>> body, RequestSignature signature) {
        String endpoint = "POST /connectors/" + name + "/tasks";
        verify(signature, endpoint);
        List<Map<String, String>> taskConfigs = body.get();
        rawConfig(name);
        if (!isLeader()) {
            throw RequestException.conflict("Cannot complete request because of a conflicting operation (e.g. worker "
                    + "rebalance): this worker is not the leader; retry in a moment");
        }
        synchronized (this) {
            storeTaskConfigs(name, taskConfigs, "sink".equals(typeOf(store.connectorConfig(name))));
        }
        changed();
        log.info("Connector {}: {} task configs from a signed {}", name, taskConfigs.size(), endpoint);
    }

    @Override
    public void fenceZombies(String name, RequestSignature signature) {
        verify(signature, "PUT /connectors/" + name + "/fence");
        Map<String, String> raw = rawConfig(name);
        if (!config.exactlyOnceSourceSupport().fencesZombies()) {
            throw RequestException.badRequest("Zombie fencing is part of exactly-once source support, which is "
                    + "disabled on this cluster (exactly.once.source.support=" + config.exactlyOnceSourceSupport()
                    + "); set it to preparing or enabled on every worker");
        }
        if ("sink".equals(typeOf(raw))) {
            throw RequestException.badRequest("Connector " + name + " is a sink connector; only the tasks of source "
                    + "connectors write in transactions that can be fenced");
        }
        if (!isLeader()) {
            throw RequestException.conflict("Cannot complete request because of a conflicting operation (e.g. worker "
                    + "rebalance): this worker is not the leader; retry in a moment");
        }
        int tasks = store.taskConfigs(name).size();
        if (tasks > 0) {
            fenceZombies(name, tasks);
        }
    }

    /** Checks a signed internal request; a key rotated a moment ago is picked up by re-reading the config topic. */
    private void verify(RequestSignature signature, String endpoint) {
        try {
            signature.verify(store.sessionKey(), config.verificationAlgorithms(), endpoint);
        } catch (RequestException e) {
            store.refresh();
            signature.verify(store.sessionKey(), config.verificationAlgorithms(), endpoint);
        }
    }

    private void requireStopped(String name) {
        rawConfig(name);
        if (store.targetState(name) != TargetState.STOPPED || !store.taskConfigs(name).isEmpty()) {
            throw RequestException.badRequest("Connectors must be in the STOPPED state before their offsets can be "
                    + "modified; connector " + name + " is " + connectorStatus(name).connector().state()
                    + ". Stop it first with PUT /connectors/" + name + "/stop");
        }
    }

    @Override
    public String alterOffsets(String name, List<ConnectorOffset> offsets) {
        requireStopped(name);
        return offsetsService.alter(offsetsTarget(name), offsets);
    }

    @Override
    public String resetOffsets(String name) {
        requireStopped(name);
        return offsetsService.reset(offsetsTarget(name));
    }

    @Override
    public void close() {
        running = false;
        member.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            List<TaskId> stopped = new ArrayList<>(runningTasks.keySet());
            stopTasks(stopped);
            // stopped, not running: shown until their next owner reports (a newer generation wins over this)
            stopped.forEach(id -> statuses.putTask(id, State.UNASSIGNED, null));
            new ArrayList<>(runningConnectors.keySet()).forEach(this::stopConnectorInstance);
        }
        member.close();
    }

    /** Summary for logs and tests: the tasks this worker runs now. */
    public synchronized Set<TaskId> runningTasks() {
        return new TreeSet<>(runningTasks.keySet());
    }
}
