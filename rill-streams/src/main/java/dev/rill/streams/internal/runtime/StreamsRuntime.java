package dev.rill.streams.internal.runtime;

import dev.rill.streams.DefaultKafkaClientSupplier;
import dev.rill.streams.KafkaClientSupplier;
import dev.rill.streams.KeyQueryMetadata;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.StreamsMetadata;
import dev.rill.streams.TaskMetadata;
import dev.rill.streams.ThreadMetadata;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler;
import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.engine.GlobalStateManager;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.engine.TaskMetrics;
import dev.rill.streams.internal.metrics.StreamsMetricsImpl;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.state.RocksDbMemory;
import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.Subtopology;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.state.HostInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind {@code RillStreams}: prepares internal topics, creates, replaces and stops stream threads,
 * aggregates their states and applies the uncaught-exception policy. The public class keeps the lifecycle.
 */
public final class StreamsRuntime implements ThreadOwner {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);

    /** Callbacks into the public instance. */
    public interface Events {
        /** All live threads are running (true) or at least one rebalances (false). */
        void onThreadsStateChange(boolean allRunning);

        /** The instance must shut down; {@code error} says whether it ends in ERROR. */
        void onShutdownRequired(boolean error);
    }

    private final StreamsConfig config;
    private final InternalTopologyBuilder topology;
    private final TaskFactory factory;
    private final Metrics registry = new Metrics();
    private final TaskMetrics metrics = new TaskMetrics(new StreamsMetricsImpl(registry));
    private final Events events;
    private final List<StreamThread> threads = new ArrayList<>();
    private final AtomicInteger threadSequence = new AtomicInteger();
    private final TaskDirectoryLocks taskLocks = new TaskDirectoryLocks();
    private final ClientFactory clients;
    private final TransactionMetrics transactions = new TransactionMetrics();
    /** Exactly-once: records whose failed send the handler let go, skipped when their transaction replays. */
    private final SkippedSends skippedSends = new SkippedSends();
    private volatile StreamsUncaughtExceptionHandler handler;
    private Admin admin;
    private volatile boolean stopping;
    private volatile boolean paused;
    private volatile StateRestoreListener restoreListener = StoreRestorer.NONE;

    private volatile dev.rill.streams.processor.StandbyUpdateListener standbyListener =
            RestoreCoordinator.NO_STANDBY_LISTENER;

    /** Sets the listener told about standby updates (null: none). */
    public void setStandbyUpdateListener(dev.rill.streams.processor.StandbyUpdateListener listener) {
        this.standbyListener = listener == null ? RestoreCoordinator.NO_STANDBY_LISTENER : listener;
    }

    public void setGlobalStateRestoreListener(StateRestoreListener listener) {
        this.restoreListener = listener == null ? StoreRestorer.NONE : listener;
    }

    /** The running tasks of all live threads (for interactive queries). */
    public List<StreamTask> runningTasks() {
        List<StreamTask> out = new ArrayList<>();
        synchronized (threads) {
            for (StreamThread t : threads) {
                out.addAll(t.runningTasks());
            }
        }
        return out;
    }

    /** The local instances of a store (one per running task), in task order. */
    public List<StateStore> localStores(String storeName) {
        List<StateStore> out = new ArrayList<>();
        for (StreamTask t : runningTasks()) {
            StateStore s = t.store(storeName);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** The local instance of a store in the task of one partition, or null. */
    public StateStore localStore(String storeName, int partition) {
        for (StreamTask t : runningTasks()) {
            StateStore s = t.store(storeName);
            if (s != null && t.id().partition() == partition) {
                return s;
            }
        }
        return null;
    }

    /** Every host's active tasks, from the latest assignment any thread received. */
    public Map<String, Set<TaskId>> hostTasks() {
        AssignmentContext context = latestAssignment();
        return context == null ? Map.of() : context.hostTasks();
    }

    /** Every host's active and standby tasks, both from the latest assignment. */
    private AssignmentContext.Hosts hosts() {
        AssignmentContext context = latestAssignment();
        return context == null ? new AssignmentContext.Hosts(Map.of(), Map.of()) : context.hosts();
    }

    /** The assignment context of a live thread that has received an assignment naming hosts, or null. */
    private AssignmentContext latestAssignment() {
        synchronized (threads) {
            for (StreamThread t : threads) {
                if (!t.assignmentContext().hostTasks().isEmpty() && t.state() != StreamThreadState.DEAD) {
                    return t.assignmentContext();
                }
            }
        }
        return null;
    }

    /** The sub-topology whose tasks hold a store, or -1. */
    public int subtopologyOfStore(String storeName) {
        for (Subtopology s : factory.subtopologies()) {
            if (s.stores().contains(storeName)) {
                return s.id();
            }
        }
        return -1;
    }

    /** Where the key with these serialized bytes lives: the host running the task of its partition. */
    public KeyQueryMetadata queryMetadata(String storeName, byte[] keyBytes) {
        return queryMetadata(storeName, partitions -> Utils.toPositive(Utils.murmur2(keyBytes)) % partitions);
    }

    /**
     * Where a key lives, its partition chosen by {@code partitionOf} from the store's partition count (the number
     * of tasks of its sub-topology in the latest assignment).
     */
    public KeyQueryMetadata queryMetadata(String storeName, java.util.function.IntUnaryOperator partitionOf) {
        int sub = subtopologyOfStore(storeName);
        if (sub < 0) {
            throw new InvalidStateStoreException("The topology has no state store named '" + storeName + "'; its "
                    + "stores are " + factory.topology().stores().keySet() + ".");
        }
        AssignmentContext.Hosts snapshot = hosts();
        Map<String, Set<TaskId>> hosts = snapshot.active();
        int partitions = 0;
        for (Set<TaskId> ts : hosts.values()) {
            for (TaskId t : ts) {
                if (t.subtopology() == sub) {
                    partitions = Math.max(partitions, t.partition() + 1);
                }
            }
        }
        if (partitions == 0) {
            return KeyQueryMetadata.NOT_AVAILABLE;
        }
        int partition = partitionOf.applyAsInt(partitions);
        if (partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("The partitioner chose partition " + partition + " of store "
                    + storeName + ", which has partitions 0 to " + (partitions - 1));
        }
        TaskId task = new TaskId(sub, partition);
        for (Map.Entry<String, Set<TaskId>> e : hosts.entrySet()) {
            if (e.getValue().contains(task)) {
                Set<HostInfo> standbys = new java.util.HashSet<>();
                snapshot.standby().forEach((host, tasks) -> {
                    if (tasks.contains(task)) {
                        standbys.add(HostInfo.parse(host));
                    }
                });
                return new KeyQueryMetadata(HostInfo.parse(e.getKey()), standbys, partition);
            }
        }
        return KeyQueryMetadata.NOT_AVAILABLE;
    }

    /**
     * Every instance with an {@code application.server}, from the latest assignment: the stores and input
     * partitions of its active tasks, and those of its standby tasks.
     */
    public List<StreamsMetadata> allMetadata() {
        List<StreamsMetadata> out = new ArrayList<>();
        AssignmentContext.Hosts snapshot = hosts();
        Map<String, Set<TaskId>> active = snapshot.active();
        Map<String, Set<TaskId>> standby = snapshot.standby();
        Set<String> hosts = new java.util.TreeSet<>(active.keySet());
        hosts.addAll(standby.keySet());
        for (String host : hosts) {
            Set<String> stores = new java.util.TreeSet<>();
            Set<TopicPartition> partitions = new java.util.HashSet<>();
            collect(active.getOrDefault(host, Set.of()), stores, partitions);
            Set<String> standbyStores = new java.util.TreeSet<>();
            Set<TopicPartition> standbyPartitions = new java.util.HashSet<>();
            collect(standby.getOrDefault(host, Set.of()), standbyStores, standbyPartitions);
            out.add(new StreamsMetadataImpl(HostInfo.parse(host), stores, partitions, standbyPartitions,
                    standbyStores));
        }
        return out;
    }

    private void collect(Set<TaskId> tasks, Set<String> stores, Set<TopicPartition> partitions) {
        for (TaskId task : tasks) {
            stores.addAll(factory.subtopologies().get(task.subtopology()).stores());
            partitions.addAll(inputPartitions(task));
        }
    }

    /** The input partitions of a task (source and repartition topics of its sub-topology). */
    Set<TopicPartition> inputPartitions(TaskId task) {
        Set<TopicPartition> out = new java.util.HashSet<>();
        for (var ref : factory.subtopologies().get(task.subtopology()).sourceTopics()) {
            out.add(new TopicPartition(ref.resolve(factory.applicationId()), task.partition()));
        }
        return out;
    }

    /** A snapshot of every live stream thread with its tasks; end offsets are read from the brokers. */
    public Set<ThreadMetadata> localThreadMetadata() {
        List<StreamThread> live;
        synchronized (threads) {
            live = threads.stream().filter(t -> t.state() != StreamThreadState.DEAD).toList();
        }
        Set<TopicPartition> partitions = live.stream().flatMap(t -> t.runningTasks().stream())
                .flatMap(task -> task.partitions().stream()).collect(java.util.stream.Collectors.toSet());
        Map<TopicPartition, Long> ends = endOffsets(partitions);
        Map<TopicPartition, Long> committed = committedOffsets(partitions);
        Set<ThreadMetadata> out = new java.util.HashSet<>();
        for (StreamThread t : live) {
            Set<TaskMetadata> active = new java.util.HashSet<>();
            for (StreamTask task : t.runningTasks()) {
                active.add(new TaskMetadataImpl(task.id(), task.partitions(), only(committed, task.partitions()),
                        only(ends, task.partitions()), java.util.Optional.empty()));
            }
            Set<TaskMetadata> standby = new java.util.HashSet<>();
            for (TaskId id : t.assignmentContext().standbyTasks()) {
                standby.add(new TaskMetadataImpl(id, inputPartitions(id), Map.of(), Map.of(), java.util.Optional.empty()));
            }
            out.add(new ThreadMetadataImpl(t.getName(), t.state().name(), t.getName() + "-consumer",
                    t.getName() + "-restore-consumer", Set.of(t.getName() + "-producer"), clients.adminClientId(),
                    active, standby));
        }
        return out;
    }

    /**
     * Per store and partition of this instance, {position, changelog end}: an active running task's store is at the
     * end of its changelog (it writes it); a standby's is at its last checkpoint.
     */
    public Map<String, Map<Integer, long[]>> localStoreLags() {
        List<StreamThread> live;
        synchronized (threads) {
            live = threads.stream().filter(t -> t.state() != StreamThreadState.DEAD).toList();
        }
        Map<TopicPartition, String> storeOf = new HashMap<>();
        Map<TopicPartition, Long> standbyPositions = new HashMap<>();
        for (StreamThread t : live) {
            for (StreamTask task : t.runningTasks()) {
                loggedStores(task.id()).forEach(store -> storeOf.put(changelog(store, task.id()), store));
            }
            for (TaskId id : t.assignmentContext().standbyTasks()) {
                java.io.File taskDir = new java.io.File(new java.io.File(config.stateDir(), config.applicationId()),
                        id.toString());
                Map<TopicPartition, Long> checkpoint =
                        dev.rill.streams.internal.engine.TaskStateManager.checkpointOf(taskDir, id);
                for (String store : loggedStores(id)) {
                    TopicPartition tp = changelog(store, id);
                    storeOf.put(tp, store);
                    standbyPositions.put(tp, checkpoint.getOrDefault(tp, 0L));
                }
            }
        }
        Map<TopicPartition, Long> ends = endOffsets(storeOf.keySet());
        Map<String, Map<Integer, long[]>> out = new java.util.TreeMap<>();
        storeOf.forEach((tp, store) -> {
            Long end = ends.get(tp);
            if (end != null) {
                long position = standbyPositions.getOrDefault(tp, end);
                out.computeIfAbsent(store, s -> new java.util.TreeMap<>()).put(tp.partition(),
                        new long[] {position, end});
            }
        });
        return out;
    }

    private List<String> loggedStores(TaskId task) {
        List<String> out = new ArrayList<>();
        for (String store : factory.subtopologies().get(task.subtopology()).stores()) {
            var builder = topology.stores().get(store);
            if (builder != null && builder.loggingEnabled()) {
                out.add(store);
            }
        }
        return out;
    }

    private TopicPartition changelog(String store, TaskId task) {
        return new TopicPartition(config.applicationId() + "-" + store + "-changelog", task.partition());
    }

    private static Map<TopicPartition, Long> only(Map<TopicPartition, Long> offsets, Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        partitions.forEach(tp -> {
            Long offset = offsets.get(tp);
            if (offset != null) {
                out.put(tp, offset);
            }
        });
        return out;
    }

    /** The application's committed offsets of these partitions, from the group coordinator. */
    private Map<TopicPartition, Long> committedOffsets(Set<TopicPartition> partitions) {
        if (partitions.isEmpty() || admin == null) {
            return Map.of();
        }
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata()
                    .get(30, java.util.concurrent.TimeUnit.SECONDS).forEach((tp, om) -> {
                        if (om != null && partitions.contains(tp)) {
                            out.put(tp, om.offset());
                        }
                    });
            return out;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Reading committed offsets for the thread metadata failed; they are left out", e);
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        if (partitions.isEmpty() || admin == null) {
            return Map.of();
        }
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(request).all().get(30, java.util.concurrent.TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Reading end offsets for the thread metadata failed; they are left out", e);
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    public TaskFactory factory() {
        return factory;
    }

    public StreamsConfig config() {
        return config;
    }

    public StreamsRuntime(StreamsConfig config, InternalTopologyBuilder topology, Events events) {
        this(config, topology, new DefaultKafkaClientSupplier(), events);
    }

    /** A runtime whose Kafka clients come from {@code clientSupplier}. */
    public StreamsRuntime(StreamsConfig config, InternalTopologyBuilder topology, KafkaClientSupplier clientSupplier,
                          Events events) {
        this.config = config;
        // an instance with local state keeps its process id there, so a restart reuses its transactional ids
        this.processIdFile = topology.stores().isEmpty() && topology.globalStores().isEmpty()
                ? ProcessIdFile.random()
                : ProcessIdFile.acquire(java.nio.file.Path.of(config.stateDir(), config.applicationId()));
        this.processId = processIdFile.processId();
        this.clients = new ClientFactory(config, clientSupplier, processId);
        this.topology = topology;
        this.factory = new TaskFactory(topology, config);
        this.events = events;
        Map<String, String> tags = Map.of("client-id", config.clientId());
        addGauge("process-total", "Records processed by this instance", tags, metrics::processed);
        addGauge("dropped-records-total", "Records skipped by exception handlers or for invalid timestamps", tags,
                metrics::dropped);
        addGauge("alive-stream-threads", "Live stream threads", tags, this::aliveThreads);
        if (config.exactlyOnce()) {
            addGauge("transactions-committed-total", "Transactions committed by the stream threads", tags,
                    transactions::commits);
            addDoubleGauge("commit-latency-avg", "Mean time to commit a transaction, ms", tags,
                    transactions::commitLatencyAvgMs);
            addDoubleGauge("commit-latency-max", "Longest time to commit a transaction, ms", tags,
                    transactions::commitLatencyMaxMs);
            for (String reason : TransactionMetrics.ABORT_REASONS) {
                Map<String, String> t = new HashMap<>(tags);
                t.put("reason", reason);
                addGauge("transactions-aborted-total", "Transactions aborted, by reason", t,
                        () -> transactions.aborts(reason));
            }
        }
    }

    private void addGauge(String name, String doc, Map<String, String> tags, java.util.function.LongSupplier value) {
        MetricName mn = registry.metricName(name, "stream-metrics", doc, tags);
        registry.addMetric(mn, (Gauge<Long>) (cfg, now) -> value.getAsLong());
    }

    private void addDoubleGauge(String name, String doc, Map<String, String> tags,
                                java.util.function.DoubleSupplier value) {
        MetricName mn = registry.metricName(name, "stream-metrics", doc, tags);
        registry.addMetric(mn, (Gauge<Double>) (cfg, now) -> value.getAsDouble());
    }

    public void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        this.handler = handler;
    }

    /**
     * Creates internal topics and starts the configured number of stream threads. The threads' clients are built
     * (mostly class loading) and RocksDB's library is loaded on a second thread while the admin requests run.
     */
    public void start() {
        admin = clients.admin();
        if (config.exactlyOnce()) {
            TransactionSupport.check(admin, config);
        }
        FutureTask<List<StreamThread>> setup = new FutureTask<>(() -> {
            if (!topology.stores().isEmpty()) {
                RocksDbMemory.loadLibrary();
            }
            List<StreamThread> made = new ArrayList<>();
            for (int i = 0; i < config.numStreamThreads(); i++) {
                made.add(newThread(i));
            }
            return made;
        });
        Thread setupThread = new Thread(setup, config.clientId() + "-setup");
        setupThread.setDaemon(true);
        setupThread.start();
        RuntimeException failure = null;
        try {
            InternalTopicManager.prepare(admin, topology, config);
            if (!topology.globalStores().isEmpty()) {
                startGlobalThread();
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        List<StreamThread> made = List.of();
        try {
            made = setup.get();
        } catch (ExecutionException e) {
            if (failure == null) {
                failure = e.getCause() instanceof RuntimeException re ? re
                        : new StreamsException("Creating the stream threads' clients failed", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            setupThread.interrupt();
            failure = failure != null ? failure : new StreamsException("Interrupted while starting", e);
        }
        if (failure != null) {
            made.forEach(StreamThread::discard);
            throw failure;
        }
        synchronized (threads) {
            for (StreamThread t : made) {
                threads.add(t);
                t.start();
            }
        }
    }

    private final ProcessIdFile processIdFile;
    private final String processId;
    private volatile GlobalStreamThread globalThread;
    private volatile GlobalStateManager globalState;

    /** Loads the global stores before any stream thread starts, then keeps them updated on a thread of their own. */
    private void startGlobalThread() {
        PolledClientInstanceId consumerId = new PolledClientInstanceId(config.clientId()
                + "-GlobalStreamThread-consumer", clients.globalConsumer());
        globalConsumerId = consumerId;
        Consumer<byte[], byte[]> consumer = consumerId.consumer();
        globalState = new GlobalStateManager(config, topology.globalStores(), metrics.streamsMetrics());
        GlobalStreamThread t = new GlobalStreamThread(config.clientId() + "-GlobalStreamThread", globalState, consumer);
        t.bootstrap();
        factory.setGlobalStores(globalState.stores());
        globalThread = t;
        t.start();
    }

    /** The clients of a stream thread whose instance ids {@link #clientInstanceIds} reports. */
    private record ThreadClients(PolledClientInstanceId consumer, String producerClientId,
                                 Producer<byte[], byte[]> producer) {
    }

    private final Map<StreamThread, ThreadClients> threadClients = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile PolledClientInstanceId globalConsumerId;

    /**
     * The client instance ids (KIP-714) of the admin client, the live stream threads' main consumers and producers
     * and the global consumer, waiting at most {@code timeout} in all. A consumer's id is fetched on the thread that
     * polls it. Clients with telemetry disabled are left out (the admin's {@code adminInstanceId()} then throws).
     *
     * @throws org.apache.kafka.common.errors.TimeoutException if an id could not be had in time
     */
    public dev.rill.streams.ClientInstanceIds clientInstanceIds(Duration timeout) {
        long deadline = System.currentTimeMillis() + Math.min(timeout.toMillis(), Long.MAX_VALUE / 2);
        threadClients.keySet().removeIf(t -> t.state() == StreamThreadState.DEAD);
        List<StreamThread> live;
        synchronized (threads) {
            live = threads.stream().filter(t -> t.state() != StreamThreadState.DEAD).toList();
        }
        // file every consumer's request first, so the threads fetch in parallel while we wait for the others
        Map<String, java.util.concurrent.CompletableFuture<org.apache.kafka.common.Uuid>> consumerRequests =
                new java.util.LinkedHashMap<>();
        List<ThreadClients> clientsOfThreads = new ArrayList<>();
        for (StreamThread t : live) {
            ThreadClients c = threadClients.get(t);
            if (c != null) {
                clientsOfThreads.add(c);
                consumerRequests.put(c.consumer().clientId(), c.consumer().request());
            }
        }
        PolledClientInstanceId global = globalConsumerId;
        var globalRequest = global == null ? null : global.request();

        org.apache.kafka.common.Uuid adminId = null;
        IllegalStateException adminDisabled = null;
        try {
            adminId = admin.clientInstanceId(remaining(deadline));
        } catch (IllegalStateException e) {
            adminDisabled = e;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StreamsException("Could not retrieve the admin client's instance id: " + e, e);
        }
        if (adminId == null && adminDisabled == null) {
            throw new org.apache.kafka.common.errors.TimeoutException("Could not retrieve the admin client's "
                    + "instance id within " + timeout + ".");
        }
        Map<String, org.apache.kafka.common.Uuid> producers = new HashMap<>();
        for (ThreadClients c : clientsOfThreads) {
            try {
                org.apache.kafka.common.Uuid id = c.producer().clientInstanceId(remaining(deadline));
                if (id == null) {
                    throw new org.apache.kafka.common.errors.TimeoutException("Could not retrieve the instance id "
                            + "of producer " + c.producerClientId() + " within " + timeout + ".");
                }
                producers.put(c.producerClientId(), id);
            } catch (IllegalStateException e) {
                // telemetry disabled on this producer: left out
            }
        }
        Map<String, org.apache.kafka.common.Uuid> consumers = new HashMap<>();
        consumerRequests.forEach((clientId, request) -> awaitId(clientId, request, deadline, timeout, consumers));
        if (globalRequest != null) {
            awaitId(global.clientId(), globalRequest, deadline, timeout, consumers);
        }
        return new ClientInstanceIdsImpl(adminId, adminDisabled, consumers, producers);
    }

    private static void awaitId(String clientId,
                                java.util.concurrent.CompletableFuture<org.apache.kafka.common.Uuid> request,
                                long deadline, Duration timeout, Map<String, org.apache.kafka.common.Uuid> into) {
        try {
            into.put(clientId, request.get(remaining(deadline).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("Could not retrieve the instance id of "
                    + "consumer " + clientId + " within " + timeout + " (it is fetched when its thread polls).", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof IllegalStateException)) {
                throw new StreamsException("Could not retrieve the instance id of consumer " + clientId + ": "
                        + e.getCause(), e.getCause());
            }
            // telemetry disabled on this consumer: left out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("Interrupted while waiting for the instance id of consumer " + clientId, e);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofMillis(Math.max(0, deadline - System.currentTimeMillis()));
    }

    /** A global store by name, or null. */
    public StateStore globalStore(String name) {
        GlobalStateManager g = globalState;
        return g == null ? null : g.stores().get(name);
    }

    private void startThread(int index) {
        StreamThread t = newThread(index);
        threads.add(t);
        t.start();
    }

    /**
     * Starts one more stream thread, with the smallest thread index no live thread uses; its tasks come through the
     * rebalance it triggers. Returns its name, or empty while the instance is stopping.
     */
    public java.util.Optional<String> addThread() {
        synchronized (threads) {
            if (stopping) {
                return java.util.Optional.empty();
            }
            Set<Integer> used = new java.util.HashSet<>();
            threads.stream().filter(t -> t.state() != StreamThreadState.DEAD).forEach(t -> used.add(t.index()));
            int index = 0;
            while (used.contains(index)) {
                index++;
            }
            StreamThread t = newThread(index);
            threads.add(t);
            t.start();
            LOG.info("Added stream thread {}", t.getName());
            return java.util.Optional.of(t.getName());
        }
    }

    /**
     * Stops the live stream thread with the highest index (committing and leaving the group, so its tasks move to
     * the other threads at once) and waits up to {@code timeout} for it. Returns its name, or empty when it is the
     * only live thread or the instance is stopping.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException if the thread did not stop within the timeout
     */
    public java.util.Optional<String> removeThread(Duration timeout) {
        StreamThread victim;
        synchronized (threads) {
            List<StreamThread> live = threads.stream().filter(t -> t.state() != StreamThreadState.DEAD
                    && t.state() != StreamThreadState.PENDING_SHUTDOWN).toList();
            if (stopping || live.size() <= 1) {
                return java.util.Optional.empty();
            }
            victim = live.stream().max(java.util.Comparator.comparingInt(StreamThread::index)).orElseThrow();
            victim.shutdown(true);
        }
        try {
            victim.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (victim.isAlive()) {
            throw new org.apache.kafka.common.errors.TimeoutException("Stream thread " + victim.getName()
                    + " did not stop within " + timeout + "; it is still shutting down");
        }
        synchronized (threads) {
            threads.remove(victim);
        }
        threadClients.remove(victim);
        LOG.info("Removed stream thread {}", victim.getName());
        return java.util.Optional.of(victim.getName());
    }

    /** A stream thread with its clients, not started. */
    private StreamThread newThread(int index) {
        int seq = threadSequence.incrementAndGet();
        String name = config.clientId() + "-StreamThread-" + seq;
        AssignmentContext ctx = new AssignmentContext(factory, processId);
        PolledClientInstanceId consumerId = new PolledClientInstanceId(name + "-consumer",
                clients.mainConsumer(name, index, ctx));
        Consumer<byte[], byte[]> consumer = consumerId.consumer();
        Producer<byte[], byte[]> producer = clients.producer(name, index);
        // standbys use this consumer on the stream thread; restores run on threads of their own, each with one of
        // the restorer's (the first is kept, the others live as long as one restore)
        Consumer<byte[], byte[]> standbyConsumer = clients.restoreConsumer(name + "-restore-consumer");
        AtomicInteger restoreClients = new AtomicInteger();
        Supplier<Consumer<byte[], byte[]>> restoreClient =
                () -> clients.restoreConsumer(name + "-restore-consumer-" + restoreClients.getAndIncrement());
        StoreRestorer restorer = new StoreRestorer(restoreClient.get(), restoreClient, config.restoreThreads(), name);
        ErrorHandling errors = new ErrorHandling(config, metrics);
        CacheBudget budget = new CacheBudget(config.cacheMaxBytes() / Math.max(config.numStreamThreads(), liveThreads() + 1));
        KafkaRecordCollector collector = config.exactlyOnce()
                ? new KafkaRecordCollector(producer, errors, skippedSends, transactions)
                : new KafkaRecordCollector(producer, errors);
        TaskManager tasks = new TaskManager(name, factory, collector, errors, metrics, budget, taskLocks, topic -> {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            return partitions == null ? -1 : partitions.size();
        }, config.exactlyOnce());
        tasks.committedOffsetsFrom(partitions -> consumer.committed(partitions, java.time.Duration.ofSeconds(30)));
        RestoreCoordinator restore = new RestoreCoordinator(name, restorer, () -> restoreListener, standbyConsumer,
                () -> standbyListener);
        RepartitionPurger purger = new RepartitionPurger(admin, factory.repartitionTopics(),
                config.repartitionPurgeIntervalMs());
        Committer committer = config.exactlyOnce()
                ? new ExactlyOnceCommitter(name, consumer, producer, collector, purger, transactions)
                : new AtLeastOnceCommitter(name, consumer, collector, purger);
        StreamThread thread = new StreamThread(name, index, config, ctx, consumer, collector, this, tasks, restore,
                committer);
        threadClients.put(thread, new ThreadClients(consumerId, name + "-producer", producer));
        return thread;
    }

    /** Pauses or resumes processing on every stream thread (and of threads started later). */
    public void setProcessingPaused(boolean paused) {
        this.paused = paused;
    }

    @Override
    public boolean processingPaused() {
        return paused;
    }

    /** Asks every thread to stop, leaving the group, and waits for them until the deadline; true if all stopped. */
    public boolean stop(Duration timeout) {
        return stop(timeout, true);
    }

    /**
     * Asks every thread to stop and waits for them until the deadline; true if all stopped. With
     * {@code leaveGroup} false the threads' consumers stay members of the group until their sessions time out.
     */
    public boolean stop(Duration timeout, boolean leaveGroup) {
        List<StreamThread> snapshot;
        synchronized (threads) {
            stopping = true;
            snapshot = new ArrayList<>(threads);
        }
        snapshot.forEach(t -> t.shutdown(leaveGroup));
        long deadline = System.currentTimeMillis() + Math.min(timeout.toMillis(), Long.MAX_VALUE / 2);
        boolean all = true;
        for (StreamThread t : snapshot) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                long left = deadline - System.currentTimeMillis();
                if (left > 0) {
                    t.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            all &= !t.isAlive();
        }
        GlobalStreamThread g = globalThread;
        if (g != null) {
            g.shutdown();
            try {
                g.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        registry.close();
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        processIdFile.close();
        return all;
    }

    public Map<MetricName, ? extends Metric> metrics() {
        Map<MetricName, Metric> out = new HashMap<>(registry.metrics());
        synchronized (threads) {
            for (StreamThread t : threads) {
                if (t.state() != StreamThreadState.DEAD) {
                    try {
                        out.putAll(t.consumer().metrics());
                    } catch (RuntimeException ignored) {
                        // a closing consumer has no metrics to give
                    }
                }
            }
        }
        return out;
    }

    public long processedRecords() {
        return metrics.processed();
    }

    public long droppedRecords() {
        return metrics.dropped();
    }

    private int liveThreads() {
        synchronized (threads) {
            return (int) threads.stream().filter(t -> t.state() != StreamThreadState.DEAD).count();
        }
    }

    private long aliveThreads() {
        synchronized (threads) {
            return threads.stream().filter(t -> t.state() != StreamThreadState.DEAD).count();
        }
    }

    /** Thread names and the tasks each runs, for logging and tests. */
    public Map<String, List<String>> threadTasks() {
        Map<String, List<String>> out = new HashMap<>();
        synchronized (threads) {
            threads.forEach(t -> out.put(t.getName() + "(" + t.state() + ")", t.taskIds().stream().map(String::valueOf).toList()));
        }
        return out;
    }

    @Override
    public void onThreadStateChange(StreamThread thread, StreamThreadState oldState, StreamThreadState newState) {
        boolean allRunning;
        boolean anyAlive;
        synchronized (threads) {
            allRunning = threads.stream().filter(t -> t.state() != StreamThreadState.DEAD
                            && t.state() != StreamThreadState.PENDING_SHUTDOWN)
                    .allMatch(t -> t.state() == StreamThreadState.RUNNING);
            anyAlive = threads.stream().anyMatch(t -> t.state() != StreamThreadState.DEAD
                    && t.state() != StreamThreadState.PENDING_SHUTDOWN);
        }
        if (anyAlive) {
            events.onThreadsStateChange(allRunning);
        }
    }

    @Override
    public StreamThreadExceptionResponse decide(Throwable error) {
        StreamsUncaughtExceptionHandler h = handler;
        if (h == null) {
            LOG.error("No uncaught exception handler is set; shutting this client down (SHUTDOWN_CLIENT)");
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        StreamThreadExceptionResponse r = h.handle(error);
        return r == null ? StreamThreadExceptionResponse.SHUTDOWN_CLIENT : r;
    }

    @Override
    public void onThreadFailed(StreamThread thread, StreamThreadExceptionResponse response, Throwable error) {
        switch (response) {
            case REPLACE_THREAD -> {
                synchronized (threads) {
                    threads.remove(thread);
                    if (stopping) {
                        LOG.warn("Not replacing failed stream thread {}: the instance is shutting down",
                                thread.getName());
                        return;
                    }
                    LOG.warn("Replacing failed stream thread {}", thread.getName());
                    startThread(thread.index());
                }
            }
            case SHUTDOWN_CLIENT, SHUTDOWN_APPLICATION -> events.onShutdownRequired(true);
        }
    }

    @Override
    public void onApplicationShutdownSignal(StreamThread thread) {
        events.onShutdownRequired(true);
    }

}
