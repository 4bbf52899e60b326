package dev.rill.streams;

import dev.rill.streams.errors.IllegalStateTransitionException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.internal.runtime.QueryServer;
import dev.rill.streams.internal.runtime.StreamsRuntime;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.HostInfo;
import dev.rill.streams.state.QueryableStoreType;
import dev.rill.streams.state.KeyQueryMetadata;
import dev.rill.streams.state.StreamsMetadata;
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
     * Creates an instance; nothing connects to Kafka until {@link #start()}.
     *
     * @throws org.apache.kafka.common.config.ConfigException listing every invalid configuration key
     */
    public RillStreams(Topology topology, Properties props) {
        this(topology, new StreamsConfig(props));
    }

    public RillStreams(Topology topology, Map<String, ?> props) {
        this(topology, new StreamsConfig(props));
    }

    public RillStreams(Topology topology, StreamsConfig config) {
        Objects.requireNonNull(topology, "topology");
        this.config = Objects.requireNonNull(config, "config");
        this.runtime = new StreamsRuntime(config, TopologyAccess.builderOf(topology), new StreamsRuntime.Events() {
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

    private boolean shutdown(Duration timeout, boolean error) {
        synchronized (lock) {
            if (state.hasCompletedShutdown()) {
                return true;
            }
            if (!state.isShuttingDown()) {
                transition(error ? State.PENDING_ERROR : State.PENDING_SHUTDOWN);
            }
        }
        boolean stopped = runtime.stop(timeout);
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

    /** Every instance that announced an {@code application.server}, with the stores of its active tasks. */
    public Collection<StreamsMetadata> metadataForAllStreamsClients() {
        List<StreamsMetadata> out = new ArrayList<>();
        runtime.hostTasks().forEach((host, tasks) -> {
            Set<String> stores = new TreeSet<>();
            for (var sub : runtime.factory().subtopologies()) {
                if (tasks.stream().anyMatch(t -> t.subtopology() == sub.id())) {
                    stores.addAll(sub.stores());
                }
            }
            out.add(new StreamsMetadata(HostInfo.parse(host), stores));
        });
        return out;
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
