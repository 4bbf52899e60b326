package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.rill.streams.errors.StreamsUncaughtExceptionHandler;
import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.engine.GlobalStateManager;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.engine.TaskMetrics;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.state.RocksDbMemory;
import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.Subtopology;
import dev.rill.streams.processor.StateRestoreListener;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.state.HostInfo;
import dev.rill.streams.state.KeyQueryMetadata;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
    private final TaskMetrics metrics = new TaskMetrics();
    private final Metrics registry = new Metrics();
    private final Events events;
    private final List<StreamThread> threads = new ArrayList<>();
    private final AtomicInteger threadSequence = new AtomicInteger();
    private final TaskDirectoryLocks taskLocks = new TaskDirectoryLocks();
    private volatile StreamsUncaughtExceptionHandler handler;
    private Admin admin;
    private volatile boolean stopping;
    private volatile StateRestoreListener restoreListener = StoreRestorer.NONE;

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
        synchronized (threads) {
            for (StreamThread t : threads) {
                Map<String, Set<TaskId>> m = t.assignmentContext().hostTasks();
                if (!m.isEmpty() && t.state() != StreamThreadState.DEAD) {
                    return m;
                }
            }
        }
        return Map.of();
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
        int sub = subtopologyOfStore(storeName);
        if (sub < 0) {
            throw new InvalidStateStoreException("The topology has no state store named '" + storeName + "'; its "
                    + "stores are " + factory.topology().stores().keySet() + ".");
        }
        Map<String, Set<TaskId>> hosts = hostTasks();
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
        int partition = Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
        TaskId task = new TaskId(sub, partition);
        for (Map.Entry<String, Set<TaskId>> e : hosts.entrySet()) {
            if (e.getValue().contains(task)) {
                return new KeyQueryMetadata(HostInfo.parse(e.getKey()), Set.of(), partition);
            }
        }
        return KeyQueryMetadata.NOT_AVAILABLE;
    }

    public TaskFactory factory() {
        return factory;
    }

    public StreamsConfig config() {
        return config;
    }

    public StreamsRuntime(StreamsConfig config, InternalTopologyBuilder topology, Events events) {
        this.config = config;
        this.topology = topology;
        this.factory = new TaskFactory(topology, config);
        this.events = events;
        Map<String, String> tags = Map.of("client-id", config.clientId());
        addGauge("process-total", "Records processed by this instance", tags, metrics::processed);
        addGauge("dropped-records-total", "Records skipped by exception handlers or for invalid timestamps", tags,
                metrics::dropped);
        addGauge("alive-stream-threads", "Live stream threads", tags, this::aliveThreads);
    }

    private void addGauge(String name, String doc, Map<String, String> tags, java.util.function.LongSupplier value) {
        MetricName mn = registry.metricName(name, "stream-metrics", doc, tags);
        registry.addMetric(mn, (Gauge<Long>) (cfg, now) -> value.getAsLong());
    }

    public void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        this.handler = handler;
    }

    /**
     * Creates internal topics and starts the configured number of stream threads. The threads' clients are built
     * (mostly class loading) and RocksDB's library is loaded on a second thread while the admin requests run.
     */
    public void start() {
        admin = Admin.create(config.adminConfigs());
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

    private final String processId = java.util.UUID.randomUUID().toString();
    private volatile GlobalStreamThread globalThread;
    private volatile GlobalStateManager globalState;

    /** Loads the global stores before any stream thread starts, then keeps them updated on a thread of their own. */
    private void startGlobalThread() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.putAll(config.consumerConfigs());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId() + "-GlobalStreamThread-consumer");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        globalState = new GlobalStateManager(config, topology.globalStores());
        GlobalStreamThread t = new GlobalStreamThread(config.clientId() + "-GlobalStreamThread", globalState, consumer);
        t.bootstrap();
        factory.setGlobalStores(globalState.stores());
        globalThread = t;
        t.start();
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

    /** A stream thread with its clients, not started. */
    private StreamThread newThread(int index) {
        int seq = threadSequence.incrementAndGet();
        String name = config.clientId() + "-StreamThread-" + seq;
        AssignmentContext ctx = new AssignmentContext(factory, processId);
        Map<String, Object> consumerProps = new HashMap<>();
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.putAll(config.consumerConfigs());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId());
        Object instanceId = consumerProps.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (instanceId != null) {
            // static membership: each thread is its own member, so each needs its own stable id
            consumerProps.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId + "-" + (index + 1));
        }
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-consumer");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        consumerProps.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RillPartitionAssignor.class.getName());
        consumerProps.put(RillPartitionAssignor.CONTEXT_CONFIG, ctx);
        Map<String, Object> producerProps = new HashMap<>();
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        producerProps.putAll(config.producerConfigs());
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-producer");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer());
        Map<String, Object> restoreProps = new HashMap<>();
        restoreProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        restoreProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024);
        restoreProps.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        restoreProps.putAll(config.consumerConfigs());
        restoreProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        restoreProps.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        restoreProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a restore position below the log start (compaction, retention) falls back to the earliest offset
        restoreProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        restoreProps.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-restore-consumer");
        KafkaConsumer<byte[], byte[]> restoreConsumer = new KafkaConsumer<>(restoreProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        // standbys use restoreConsumer on the stream thread; restores run on threads of their own, each with one of
        // these (the first is kept, the others live as long as one restore)
        AtomicInteger restoreClients = new AtomicInteger();
        Supplier<Consumer<byte[], byte[]>> restoreClient = () -> {
            Map<String, Object> props = new HashMap<>(restoreProps);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-restore-consumer-" + restoreClients.getAndIncrement());
            return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        };
        StoreRestorer restorer = new StoreRestorer(restoreClient.get(), restoreClient, config.restoreThreads(), name);
        ErrorHandling errors = new ErrorHandling(config, metrics);
        CacheBudget budget = new CacheBudget(config.cacheMaxBytes() / config.numStreamThreads());
        StreamThread t = new StreamThread(name, index, config, factory, ctx, consumer,
                new KafkaRecordCollector(producer, errors), errors, metrics, this,
                new RepartitionPurger(admin, factory.repartitionTopics(), config.repartitionPurgeIntervalMs()),
                restoreConsumer, restorer, budget, () -> restoreListener, taskLocks);
        return t;
    }

    /** Asks every thread to stop and waits for them until the deadline; true if all stopped. */
    public boolean stop(Duration timeout) {
        List<StreamThread> snapshot;
        synchronized (threads) {
            stopping = true;
            snapshot = new ArrayList<>(threads);
        }
        snapshot.forEach(StreamThread::shutdown);
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
