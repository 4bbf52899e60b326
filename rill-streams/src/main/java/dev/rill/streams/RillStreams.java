package dev.rill.streams;

import dev.rill.streams.errors.IllegalStateTransitionException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.internal.runtime.QueryServer;
import dev.rill.streams.internal.runtime.StateDirectoryCheck;
import dev.rill.streams.internal.runtime.StreamsRuntime;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.state.HostInfo;
import dev.rill.streams.state.QueryableStoreType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serializer;
import dev.rill.streams.internal.topology.TopologyAccess;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Topology} against a Kafka cluster: the counterpart of Kafka Streams' {@code KafkaStreams}. Start more
 * instances with the same {@code application.id} to scale out; tasks move between them through the consumer group.
 *
 * <pre>{@code
 * RillStreams streams = new RillStreams(builder.build(), props);
 * streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
 * streams.start();
 * Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
 * }</pre>
 */
public class RillStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RillStreams.class);

    /**
     * Lifecycle of an instance.
     * <pre>
     *  CREATED --start--> REBALANCING <--> RUNNING
     *     |                   |    \         |   \
     *     |                   |     \        |    +--(fatal error)--> PENDING_ERROR --> ERROR
     *     +------close--------+------+-------+--close--> PENDING_SHUTDOWN --> NOT_RUNNING
     * </pre>
     */
    public enum State {
        CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR;

        /** The states this state may move to. */
        public Set<State> validNextStates() {
            return switch (this) {
                case CREATED -> Set.of(REBALANCING, PENDING_SHUTDOWN, PENDING_ERROR);
                case REBALANCING -> Set.of(RUNNING, REBALANCING, PENDING_SHUTDOWN, PENDING_ERROR);
                case RUNNING -> Set.of(REBALANCING, RUNNING, PENDING_SHUTDOWN, PENDING_ERROR);
                case PENDING_SHUTDOWN -> Set.of(NOT_RUNNING);
                case PENDING_ERROR -> Set.of(ERROR);
                case NOT_RUNNING, ERROR -> Set.of();
            };
        }

        public boolean isRunningOrRebalancing() {
            return this == RUNNING || this == REBALANCING;
        }

        public boolean isShuttingDown() {
            return this == PENDING_SHUTDOWN || this == PENDING_ERROR;
        }

        public boolean hasCompletedShutdown() {
            return this == NOT_RUNNING || this == ERROR;
        }
    }

    /** Notified on every state change, on the thread that caused it. */
    @FunctionalInterface
    public interface StateListener {
        void onChange(State newState, State oldState);
    }

    private final StreamsConfig config;
    private final StreamsRuntime runtime;
    private final QueryServer queryServer;
    private final Object lock = new Object();
    private State state = State.CREATED;
    private StateListener listener;

    /**
     * Creates an instance; nothing connects to Kafka until {@link #start()}. A topology with state stores needs a
     * usable {@code state.dir}: it is created if missing and checked here.
     *
     * @throws org.apache.kafka.common.config.ConfigException listing every invalid configuration key
     * @throws StreamsException if the topology has state stores and {@code state.dir} is a file, cannot be created
     *                          or is not writable
     */
    public RillStreams(Topology topology, Properties props) {
        this(topology, new StreamsConfig(props));
    }

    public RillStreams(Topology topology, Map<String, ?> props) {
        this(topology, new StreamsConfig(props));
    }

    /** Creates an instance whose Kafka clients come from a new {@code default.client.supplier}. */
    public RillStreams(Topology topology, StreamsConfig config) {
        this(topology, config, config.getKafkaClientSupplier());
    }

    /**
     * Creates an instance whose Kafka clients come from {@code clientSupplier}.
     *
     * @throws org.apache.kafka.common.config.ConfigException listing every invalid configuration key
     */
    public RillStreams(Topology topology, Properties props, KafkaClientSupplier clientSupplier) {
        this(topology, new StreamsConfig(props), clientSupplier);
    }

    /** Creates an instance whose Kafka clients come from {@code clientSupplier}. */
    public RillStreams(Topology topology, StreamsConfig config, KafkaClientSupplier clientSupplier) {
        this(TopologyAccess.builderOf(Objects.requireNonNull(topology, "topology")),
                Objects.requireNonNull(config, "config"), clientSupplier);
    }

    private RillStreams(dev.rill.streams.internal.topology.InternalTopologyBuilder topologyBuilder,
                        StreamsConfig appConfig, KafkaClientSupplier clientSupplier) {
        Objects.requireNonNull(clientSupplier, "clientSupplier");
        // a TopologyConfig's topology-level settings take precedence over the instance's, as in Kafka Streams
        StreamsConfig config = topologyBuilder.effectiveConfig(appConfig);
        this.config = config;
        if (!topologyBuilder.stores().isEmpty() || !topologyBuilder.globalStores().isEmpty()) {
            StateDirectoryCheck.requireUsable(config); // fail here, not at the first assignment of a stateful task
        }
        this.runtime = new StreamsRuntime(config, topologyBuilder, clientSupplier, new StreamsRuntime.Events() {
            @Override
            public void onThreadsStateChange(boolean allRunning) {
                synchronized (lock) {
                    if (state.isRunningOrRebalancing()) {
                        transition(allRunning ? State.RUNNING : State.REBALANCING);
                    }
                }
            }

            @Override
            public void onShutdownRequired(boolean error) {
                Thread t = new Thread(() -> shutdown(Duration.ofMinutes(5), error), config.clientId() + "-shutdown");
                t.setDaemon(true);
                t.start();
            }
        });
        this.queryServer = config.applicationServer() == null ? null
                : new QueryServer(runtime, HostInfo.parse(config.applicationServer()));
    }

    /**
     * The client instance ids (KIP-714 client telemetry) the brokers gave this instance's Kafka clients: the admin
     * client, each stream thread's main consumer and producer, and the global consumer, keyed by
     * {@code client.id}. Waits at most {@code timeout} in all; a consumer's id is fetched by the thread that polls
     * it, so it comes with that thread's next poll. The brokers must have client telemetry enabled (a metrics
     * reporter that exports client metrics), else no id arrives.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException    if the instance is not {@code RUNNING} or {@code REBALANCING}
     * @throws org.apache.kafka.common.errors.TimeoutException if some id could not be had within the timeout
     */
    public ClientInstanceIds clientInstanceIds(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The timeout cannot be negative.");
        }
        State current = state();
        if (current == State.CREATED) {
            throw new IllegalStateException("RillStreams has not been started; call start() first, then retry.");
        }
        if (!current.isRunningOrRebalancing()) {
            throw new IllegalStateException("RillStreams has been stopped (" + current + ").");
        }
        return runtime.clientInstanceIds(timeout);
    }

    /** The current state. */
    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Sets the state listener; only before {@link #start()}. */
    public void setStateListener(StateListener listener) {
        synchronized (lock) {
            requireCreated("setStateListener");
            this.listener = listener;
        }
    }

    /**
     * Sets what happens when a stream thread dies of an exception; only before {@link #start()}. Without a handler
     * the instance shuts down into {@link State#ERROR} (SHUTDOWN_CLIENT).
     */
    public void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        synchronized (lock) {
            requireCreated("setUncaughtExceptionHandler");
            runtime.setUncaughtExceptionHandler(Objects.requireNonNull(handler, "handler"));
        }
    }

    /**
     * Creates missing repartition topics, validates co-partitioning and starts the stream threads.
     *
     * @throws IllegalStateException if already started
     * @throws StreamsException      if the source topics are missing or not co-partitioned (state then ERROR)
     */
    public void start() {
        synchronized (lock) {
            requireCreated("start");
            transition(State.REBALANCING);
        }
        try {
            if (queryServer != null) {
                queryServer.start();
            }
            runtime.start();
        } catch (RuntimeException e) {
            LOG.error("Starting {} failed", config.applicationId(), e);
            shutdown(Duration.ofSeconds(30), true);
            throw e;
        }
    }

    /** Stops all threads, committing their progress and leaving the group; waits without limit. */
    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * Stops all threads, committing their progress and leaving the group.
     *
     * @return true if every thread stopped within the timeout
     */
    public boolean close(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative but was " + timeout);
        }
        return shutdown(timeout, false);
    }

    /**
     * Stops all threads, committing their progress, as {@code options} say: within their timeout (none: wait
     * without limit), leaving the group (the default) or staying a member until the session times out, so that a
     * quick restart finds its tasks unmoved.
     *
     * @return true if every thread stopped within the timeout
     */
    public boolean close(CloseOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        Duration timeout = CloseOptionsAccess.timeout(options).orElse(Duration.ofMillis(Long.MAX_VALUE));
        boolean leave = CloseOptionsAccess.operation(options) != CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP;
        return shutdown(timeout, false, leave);
    }

    /**
     * Pauses processing: the stream threads stop fetching and processing records, punctuating and updating standby
     * tasks, but keep polling so the instance stays in the group and keeps its tasks. The state stays as it is
     * ({@code RUNNING} or {@code REBALANCING}); {@link #resume()} continues where processing stopped.
     */
    public void pause() {
        runtime.setProcessingPaused(true);
    }

    /**
     * Adds a stream thread while the instance runs; tasks are rebalanced onto it. Each thread's record cache keeps
     * the share of {@code statestore.cache.max.bytes} it got at start (the new one gets an equal share of the
     * threads now running), so the caches may exceed the configured total by one share per added thread.
     *
     * @return the new thread's name, or empty if the instance is not running or rebalancing
     */
    public java.util.Optional<String> addStreamThread() {
        synchronized (lock) {
            if (!state.isRunningOrRebalancing()) {
                return java.util.Optional.empty();
            }
        }
        return runtime.addThread();
    }

    /**
     * Removes a stream thread (the one with the highest index), which commits, closes its tasks and leaves the group
     * so that its tasks move to the other threads; waits up to 5 minutes for it.
     *
     * @return the removed thread's name, or empty if the instance is not running or it has only one thread
     */
    public java.util.Optional<String> removeStreamThread() {
        return removeStreamThread(Duration.ofMinutes(5));
    }

    /**
     * Removes a stream thread, waiting up to {@code timeout} for it to stop.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException if it has not stopped within the timeout
     */
    public java.util.Optional<String> removeStreamThread(Duration timeout) {
        java.util.Objects.requireNonNull(timeout, "timeout");
        synchronized (lock) {
            if (!state.isRunningOrRebalancing()) {
                return java.util.Optional.empty();
            }
        }
        return runtime.removeThread(timeout);
    }

    /** Whether processing is paused ({@link #pause()}). */
    public boolean isPaused() {
        return runtime.processingPaused();
    }

    /** Resumes processing after {@link #pause()}. */
    public void resume() {
        runtime.setProcessingPaused(false);
    }

    /**
     * Deletes this application's local state: the directory {@code <state.dir>/<application.id>} with every task's
     * stores and checkpoints. The next start restores the stores from their changelogs. Only while the instance is
     * not running (before {@link #start()} or after {@link #close()}).
     *
     * @throws IllegalStateException     if the instance is running, rebalancing or shutting down
     * @throws StreamsException          if a file cannot be deleted
     */
    public void cleanUp() {
        synchronized (lock) {
            if (state != State.CREATED && state != State.NOT_RUNNING && state != State.ERROR) {
                throw new IllegalStateException("Cannot clean up the local state while the instance is " + state
                        + "; call cleanUp() before start() or after close().");
            }
        }
        java.nio.file.Path appDir = java.nio.file.Path.of(config.stateDir(), config.applicationId());
        if (!java.nio.file.Files.exists(appDir)) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(appDir)) {
            for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
            LOG.info("Deleted the local state of {} in {}", config.applicationId(), appDir);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new StreamsException("Could not delete the local state in " + appDir + ": " + e.getMessage()
                    + "; check that no other process uses it and that it is writable.", e);
        }
    }

    private boolean shutdown(Duration timeout, boolean error) {
        return shutdown(timeout, error, true);
    }

    private boolean shutdown(Duration timeout, boolean error, boolean leaveGroup) {
        synchronized (lock) {
            if (state.hasCompletedShutdown()) {
                return true;
            }
            if (!state.isShuttingDown()) {
                transition(error ? State.PENDING_ERROR : State.PENDING_SHUTDOWN);
            }
        }
        boolean stopped = runtime.stop(timeout, leaveGroup);
        if (queryServer != null) {
            queryServer.stop();
        }
        synchronized (lock) {
            if (state == State.PENDING_ERROR) {
                transition(State.ERROR);
            } else if (state == State.PENDING_SHUTDOWN) {
                transition(State.NOT_RUNNING);
            }
        }
        return stopped;
    }

    /**
     * The instance's metrics: {@code process-total}, {@code dropped-records-total} and {@code alive-stream-threads}
     * (group {@code stream-metrics}), plus the metrics of each thread's consumer.
     */
    public Map<MetricName, ? extends Metric> metrics() {
        return runtime.metrics();
    }

    /** Records skipped so far by exception handlers or for invalid timestamps (the dropped-records metric). */
    public long droppedRecords() {
        return runtime.droppedRecords();
    }

    /** Records processed so far by this instance. */
    public long processedRecords() {
        return runtime.processedRecords();
    }

    /**
     * Sets the listener told how standby tasks update their stores from the changelogs (start, each batch applied,
     * suspension when the task is promoted here or moves away); only before {@link #start()}.
     *
     * @throws IllegalStateException if the instance has been started
     */
    public void setStandbyUpdateListener(dev.rill.streams.processor.StandbyUpdateListener listener) {
        synchronized (lock) {
            requireCreated("setStandbyUpdateListener");
            runtime.setStandbyUpdateListener(listener);
        }
    }

    /**
     * Sets the listener told about restore progress of state stores; only before {@link #start()}.
     */
    public void setGlobalStateRestoreListener(StateRestoreListener listener) {
        synchronized (lock) {
            requireCreated("setGlobalStateRestoreListener");
            runtime.setGlobalStateRestoreListener(listener);
        }
    }

    /**
     * A read-only view of this instance's local instances of a store (the tasks it runs). Keys of other instances'
     * tasks are not visible here; find their owner with {@link #queryMetadataForKey} or use the HTTP endpoint. The
     * view looks the local instances up on every call: it keeps working across rebalances, and a call throws
     * {@link InvalidStateStoreException} while no instance of the store is available here (its tasks are being
     * restored, or have moved to other instances, or the instance stopped) — retry, or ask the key's owner.
     *
     * @throws InvalidStateStoreException if the instance is not running or rebalancing, or the topology has no such
     *                                    store
     */
    public <T> T store(StoreQueryParameters<T> parameters) {
        String name = parameters.storeName();
        QueryableStoreType<T> type = parameters.queryableStoreType();
        requireQueryable(name);
        StateStore global = runtime.globalStore(name);
        if (global != null) {
            requireAccepted(type, global, name);
            return type.create(() -> {
                requireQueryable(name);
                return List.of(global);
            });
        }
        if (runtime.subtopologyOfStore(name) < 0) {
            throw new InvalidStateStoreException("The topology has no state store named '" + name + "'.");
        }
        return type.create(() -> {
            requireQueryable(name);
            List<StateStore> stores = runtime.localStores(name);
            if (stores.isEmpty()) {
                throw new InvalidStateStoreException("State store " + name + " is not available on this instance ("
                        + state() + "): none of its tasks runs here right now — they are being restored or have "
                        + "moved to another instance. Retry, or find the key's owner with queryMetadataForKey.");
            }
            stores.forEach(st -> requireAccepted(type, st, name));
            return stores;
        });
    }

    private void requireQueryable(String storeName) {
        State s = state();
        if (!s.isRunningOrRebalancing()) {
            throw new InvalidStateStoreException("Cannot query store " + storeName + ": the instance is " + s
                    + "; stores can be queried while RUNNING or REBALANCING.");
        }
    }

    private static void requireAccepted(QueryableStoreType<?> type, StateStore store, String name) {
        if (!type.accepts(store)) {
            throw new InvalidStateStoreException("Store " + name + " is a " + store.getClass().getSimpleName()
                    + ", which the requested QueryableStoreType does not accept.");
        }
    }

    /**
     * Which instance ({@code application.server}) holds a key of a store, from the latest assignment.
     *
     * @return the metadata, or {@link KeyQueryMetadata#NOT_AVAILABLE} before the first assignment or when instances
     *         set no {@code application.server}
     */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Serializer<K> keySerializer) {
        byte[] bytes = keySerializer.serialize(config.applicationId() + "-" + storeName + "-changelog", key);
        return runtime.queryMetadata(storeName, bytes);
    }

    /**
     * Which instance holds a key of a store, the key's partition chosen by {@code partitioner} (as the topology's
     * own partitioner writes it) instead of the default hash of its serialized form.
     *
     * @throws IllegalArgumentException if the partitioner returns no partition or one out of range
     */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, StreamPartitioner<? super K, ?> partitioner) {
        java.util.Objects.requireNonNull(partitioner, "partitioner");
        String topic = config.applicationId() + "-" + storeName + "-changelog";
        return runtime.queryMetadata(storeName, partitions -> {
            Integer p = partitioner.partition(topic, key, null, partitions);
            if (p == null) {
                throw new IllegalArgumentException("The StreamPartitioner given to queryMetadataForKey returned no "
                        + "partition for key " + key + "; it must choose one of 0.." + (partitions - 1)
                        + ", or use queryMetadataForKey with a key serializer for the default partitioning.");
            }
            return p;
        });
    }

    /**
     * Every instance that announced an {@code application.server}, with the stores and input partitions of its
     * active tasks (from the latest assignment; standby sets are empty, see docs/streams.md).
     */
    public Collection<StreamsMetadata> metadataForAllStreamsClients() {
        return runtime.allMetadata();
    }

    /** The instances (as {@link #metadataForAllStreamsClients()}) that host tasks of this store. */
    public Collection<StreamsMetadata> streamsMetadataForStore(String storeName) {
        java.util.Objects.requireNonNull(storeName, "storeName");
        List<StreamsMetadata> out = new ArrayList<>();
        for (StreamsMetadata m : runtime.allMetadata()) {
            if (m.stateStoreNames().contains(storeName) || m.standbyStateStoreNames().contains(storeName)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * How far each local store partition is behind its changelog, per store name and partition. A store of an
     * active running task is at the changelog's end (lag 0); a standby's position is its last checkpoint, so its
     * lag is an upper bound between checkpoints. End offsets are read from the brokers on each call.
     */
    public Map<String, Map<Integer, LagInfo>> allLocalStorePartitionLags() {
        Map<String, Map<Integer, LagInfo>> out = new java.util.TreeMap<>();
        runtime.localStoreLags().forEach((store, partitions) -> {
            Map<Integer, LagInfo> lags = new java.util.TreeMap<>();
            partitions.forEach((partition, positionAndEnd) ->
                    lags.put(partition, new LagInfo(positionAndEnd[0], positionAndEnd[1])));
            out.put(store, java.util.Collections.unmodifiableMap(lags));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /** This instance's live stream threads: states, client ids, tasks with committed and end offsets. */
    public Set<ThreadMetadata> metadataForLocalThreads() {
        return runtime.localThreadMetadata();
    }

    /** For diagnostics: each thread with its state and tasks. */
    public Map<String, java.util.List<String>> threadTasks() {
        return runtime.threadTasks();
    }

    private void requireCreated(String operation) {
        if (state != State.CREATED) {
            throw new IllegalStateException(operation + "() is only allowed in state CREATED but the instance is "
                    + state + "; create a new RillStreams instance.");
        }
    }

    private void transition(State target) {
        State old = state;
        if (old == target && target != State.REBALANCING && target != State.RUNNING) {
            return;
        }
        if (!old.validNextStates().contains(target)) {
            throw new IllegalStateTransitionException("RillStreams " + config.clientId(), old, target);
        }
        if (old == target) {
            return;
        }
        state = target;
        LOG.info("RillStreams {} state {} -> {}", config.clientId(), old, target);
        StateListener l = listener;
        if (l != null) {
            l.onChange(target, old);
        }
    }
}
