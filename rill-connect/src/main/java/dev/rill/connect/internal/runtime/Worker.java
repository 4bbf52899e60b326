package dev.rill.connect.internal.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.rill.connect.internal.storage.StatusStore;
import dev.rill.connect.internal.storage.TaskId;
import dev.rill.connect.internal.storage.TargetState;
import dev.rill.connect.internal.storage.State;
import dev.rill.connect.internal.config.ConnectorConfig;
import dev.rill.connect.internal.config.ConnectorConfigDefs;
import dev.rill.connect.internal.config.WorkerConfig;
import dev.rill.connect.internal.errors.DeadLetterQueueReporter;
import dev.rill.connect.internal.errors.ErrorHandler;
import dev.rill.connect.internal.errors.LogReporter;
import dev.rill.connect.internal.plugins.PluginDesc;
import dev.rill.connect.internal.plugins.PluginType;
import dev.rill.connect.internal.plugins.Plugins;
import dev.rill.connect.internal.storage.OffsetCodec;
import dev.rill.connect.internal.storage.OffsetReader;
import dev.rill.connect.internal.storage.ConnectorOffsetStore;
import dev.rill.connect.internal.storage.OffsetStore;

/**
 * Runs connectors and tasks on this JVM: builds their clients, converters, transformations and error handling
 * from the worker and connector configs, and owns their threads. Which connectors and tasks run here is the
 * herder's decision (standalone: all of them).
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final List<String> PRINCIPAL_OVERRIDES = List.of("sasl.jaas.config", "sasl.mechanism",
            "security.protocol");

    private final WorkerConfig config;
    private final Plugins plugins;
    private final OffsetStore offsetStore;
    private final OffsetCodec codec = new OffsetCodec();
    private final StatusStore statuses;
    private final Admin admin;
    private final Metrics metrics = new Metrics();
    private final Map<String, WorkerConnector> connectors = new ConcurrentHashMap<>();
    private final Map<TaskId, WorkerTask> tasks = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> activeTopics = new ConcurrentHashMap<>();
    private final Map<TaskId, Map.Entry<String, String>> staticMembers = new ConcurrentHashMap<>();
    /** Distributed mode: connectors' own offsets topics ({@code offsets.storage.topic}), opened when first used. */
    private final Map<String, OffsetStore> connectorOffsetTopics = new ConcurrentHashMap<>();
    private volatile java.util.function.Function<String, OffsetStore> connectorOffsetTopicOpener;
    private final AtomicInteger threadIds = new AtomicInteger();
    private final ExecutorService taskThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rill-connect-task-" + threadIds.incrementAndGet());
        t.setDaemon(false);
        return t;
    });

    public Worker(WorkerConfig config, Plugins plugins, OffsetStore offsetStore, StatusStore statuses) {
        this.config = config;
        this.plugins = plugins;
        this.offsetStore = offsetStore;
        this.statuses = statuses;
        Map<String, Object> adminProps = new HashMap<>(config.withPrefix("admin."));
        adminProps.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        adminProps.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "rill-connect-worker-admin");
        this.admin = Admin.create(adminProps);
    }

    public Admin admin() {
        return admin;
    }

    public Plugins plugins() {
        return plugins;
    }

    public OffsetStore offsetStore() {
        return offsetStore;
    }

    /**
     * Distributed mode: how to open (creating it if needed) and start the store of a connector's own offsets topic.
     * Without it (standalone, as in Apache) every connector uses the worker's offset store.
     */
    public void connectorOffsetTopics(java.util.function.Function<String, OffsetStore> opener) {
        this.connectorOffsetTopicOpener = opener;
    }

    /**
     * The offsets a source connector with this configuration reads and writes: its own {@code offsets.storage.topic}
     * backed by the worker's offsets topic ({@link ConnectorOffsetStore}), or the worker's store alone.
     */
    public OffsetStore offsetStoreFor(Map<String, String> connectorConfig) {
        java.util.function.Function<String, OffsetStore> opener = connectorOffsetTopicOpener;
        String topic = connectorConfig.get(ConnectorConfigDefs.OFFSETS_STORAGE_TOPIC);
        if (opener == null || topic == null || topic.isBlank()
                || topic.trim().equals(config.distributedConfig().offsetTopic())) {
            return offsetStore;
        }
        String name = topic.trim();
        return new ConnectorOffsetStore(name, connectorOffsetTopics.computeIfAbsent(name, opener), offsetStore);
    }

    public OffsetCodec offsetCodec() {
        return codec;
    }

    public WorkerConfig config() {
        return config;
    }

    /** Creates, initializes and starts (per {@code target}) a connector; false when it failed. */
    public boolean startConnector(String name, Map<String, String> resolvedConfig, TargetState target,
                                  WorkerConnector.Listener listener) {
        if (connectors.containsKey(name)) {
            throw new ConnectException("Connector " + name + " is already running on this worker");
        }
        statuses.resetConnector(name, State.UNASSIGNED);
        Connector connector;
        OffsetStore offsets;
        try {
            PluginDesc desc = plugins.connector(resolvedConfig.get("connector.class"));
            statuses.connectorVersion(name, desc.version());
            connector = plugins.newInstance(desc.className(), desc.type(), Connector.class, null);
            offsets = desc.type() == PluginType.SOURCE ? offsetStoreFor(resolvedConfig) : offsetStore;
        } catch (Throwable t) {
            statuses.putConnector(name, State.FAILED, t);
            return false;
        }
        TaskPluginMetrics m = new TaskPluginMetrics(metrics, new LinkedHashMap<>(Map.of("connector", name)));
        WorkerConnector wc = new WorkerConnector(name, connector, resolvedConfig, statuses, listener,
                new OffsetReader(name, offsets, codec), m);
        connectors.put(name, wc);
        return wc.initializeAndTransition(target);
    }

    public WorkerConnector connector(String name) {
        return connectors.get(name);
    }

    public boolean isSink(String connectorClass) {
        return plugins.connector(connectorClass).type() == PluginType.SINK;
    }

    /** The task configs the connector generates now (each with {@code task.class} added, as Kafka Connect does). */
    public List<Map<String, String>> taskConfigs(String name, ConnectorConfig cc) {
        WorkerConnector wc = connectors.get(name);
        if (wc == null || !wc.isStarted()) {
            return List.of();
        }
        return Plugins.withLoader(wc.loader(), () -> {
            List<Map<String, String>> raw = wc.connector().taskConfigs(cc.tasksMax());
            if (raw == null) {
                raw = List.of();
            }
            if (raw.size() > cc.tasksMax() && cc.tasksMaxEnforce()) {
                throw new ConnectException("Connector " + name + " generated " + raw.size() + " task configs but "
                        + "tasks.max is " + cc.tasksMax() + "; fix the connector or set tasks.max.enforce=false");
            }
            List<Map<String, String>> out = new ArrayList<>();
            String taskClass = wc.connector().taskClass().getName();
            for (Map<String, String> c : raw) {
                Map<String, String> copy = new HashMap<>(c);
                copy.put("task.class", taskClass);
                if (wc.isSink()) {
                    // sink tasks see the connector's topic settings, as in Kafka Connect
                    copyIfPresent(cc, copy, "topics");
                    copyIfPresent(cc, copy, "topics.regex");
                }
                out.add(copy);
            }
            return out;
        });
    }

    private static void copyIfPresent(ConnectorConfig cc, Map<String, String> target, String key) {
        String v = cc.props().get(key);
        if (v != null && !target.containsKey(key)) {
            target.put(key, v);
        }
    }

    public boolean transitionConnector(String name, TargetState target) {
        WorkerConnector wc = connectors.get(name);
        return wc != null && wc.transitionTo(target);
    }

    public void stopConnector(String name) {
        WorkerConnector wc = connectors.remove(name);
        if (wc != null) {
            wc.shutdown();
        }
    }

    /** Starts one task thread; a task that cannot even be built is reported FAILED. */
    public void startTask(TaskId id, ConnectorConfig cc, Map<String, String> taskConfig, TargetState target) {
        statuses.resetTask(id, State.UNASSIGNED);
        WorkerConnector wc = connectors.get(id.connector());
        ClassLoader loader = wc != null ? wc.loader() : connectorLoader(cc.connectorClass());
        WorkerTask task;
        try {
            task = Plugins.withLoader(loader, () -> buildTask(id, cc, taskConfig, target, loader));
        } catch (Throwable t) {
            log.error("Could not create task {}", id, t);
            statuses.putTask(id, State.FAILED, t);
            return;
        }
        task.topicListener(topic -> recordActiveTopic(id.connector(), topic));
        tasks.put(id, task);
        taskThreads.execute(task);
    }

    /** The loader of a connector's plugin, for its tasks on a worker that does not run the connector itself. */
    private ClassLoader connectorLoader(String connectorClass) {
        try {
            return plugins.connector(connectorClass).loader();
        } catch (RuntimeException e) {
            return plugins.workerLoader();
        }
    }

    private static String taskVersion(Task task) {
        try {
            return task.version();
        } catch (RuntimeException | LinkageError e) {
            return null; // the connector's version is shown instead
        }
    }

    private WorkerTask buildTask(TaskId id, ConnectorConfig cc, Map<String, String> taskConfig, TargetState target,
                                 ClassLoader loader) {
        String taskClass = taskConfig.get("task.class");
        Task task = plugins.newInstance(taskClass, PluginType.SOURCE, Task.class, loader);
        statuses.taskVersion(id, taskVersion(task));
        Converters converters = converters(cc, loader);
        ErrorHandler errors = new ErrorHandler(cc.errorsRetryTimeoutMs(), cc.errorsRetryDelayMaxMs(), cc.toleratesAll());
        if (cc.errorsLogEnable()) {
            errors.addReporter(new LogReporter(id.toString(), cc.errorsLogIncludeMessages()));
        }
        TaskPluginMetrics taskMetrics = new TaskPluginMetrics(metrics,
                new LinkedHashMap<>(Map.of("connector", id.connector(), "task", Integer.toString(id.task()))));
        if (task instanceof SinkTask sinkTask) {
            if (!cc.dlqTopic().isEmpty()) {
                errors.addReporter(DeadLetterQueueReporter.create(admin, producerProps(cc, id), cc.dlqTopic(),
                        cc.dlqReplicationFactor(), id.connector(), id.task(), cc.dlqContextHeaders()));
            }
            TransformationChain<SinkRecord> chain = TransformationChain.build(cc, plugins, loader);
            Map<String, Object> consumerProps = consumerProps(cc, id);
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
            Object instance = consumerProps.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
            if (instance != null) {
                staticMembers.put(id, Map.entry(String.valueOf(consumerProps.get(ConsumerConfig.GROUP_ID_CONFIG)),
                        instance.toString()));
            }
            return new WorkerSinkTask(id, target, statuses, loader, sinkTask, taskConfig, converters, chain, errors,
                    consumer, cc.topics(), cc.topicsRegex(), config.offsetFlushIntervalMs(), taskMetrics);
        }
        if (task instanceof SourceTask sourceTask) {
            TransformationChain<SourceRecord> chain = TransformationChain.build(cc, plugins, loader);
            boolean exactlyOnce = exactlyOnceSources();
            Map<String, Object> producerProps = producerProps(cc, id);
            if (exactlyOnce) {
                producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        transactionalId(config.distributedConfig().groupId(), id));
                producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            }
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps);
            TopicCreator creator = config.topicCreationEnable() && TopicCreator.enabled(cc)
                    ? TopicCreator.create(admin, cc) : null;
            OffsetStore offsets = offsetStoreFor(cc.props());
            WorkerSourceTask wst = new WorkerSourceTask(id, target, statuses, loader, sourceTask, taskConfig,
                    converters, chain, errors, producer, offsets, codec,
                    new OffsetReader(id.connector(), offsets, codec), creator, config.offsetFlushIntervalMs());
            wst.pluginMetrics(taskMetrics);
            wst.flushTimeoutMs(config.offsetFlushTimeoutMs());
            if (exactlyOnce) {
                Long interval = cc.transactionBoundaryIntervalMs();
                // offsets go into the transaction on the connector's own topic when it has one, and are copied to
                // the worker's topic after the commit
                ConnectorOffsetStore own = offsets instanceof ConnectorOffsetStore c ? c : null;
                wst.exactlyOnce(new SourceTransactions(producer,
                        own != null ? own.topic() : config.distributedConfig().offsetTopic(),
                        SourceTransactions.Boundary.parse(cc.transactionBoundary()),
                        interval != null ? interval : config.offsetFlushIntervalMs(),
                        own != null ? own::copyToWorkerStore : committed -> { }));
            }
            return wst;
        }
        throw new ConnectException("Task class " + taskClass + " is neither a SourceTask nor a SinkTask");
    }

    private Converters converters(ConnectorConfig cc, ClassLoader loader) {
        Converter key = converter(cc.keyConverter(), config.keyConverter(), "key.converter", cc, true, loader);
        Converter value = converter(cc.valueConverter(), config.valueConverter(), "value.converter", cc, false,
                loader);
        String headerClass = cc.headerConverter() != null ? cc.headerConverter() : config.headerConverter();
        HeaderConverter header = plugins.newInstance(headerClass, PluginType.HEADER_CONVERTER, HeaderConverter.class,
                loader);
        Map<String, String> hc = cc.headerConverter() != null ? cc.withPrefix("header.converter.")
                : config.withPrefix("header.converter.");
        hc.put("converter.type", "header");
        Plugins.runWithLoader(plugins.loaderOf(header), () -> header.configure(hc));
        return new Converters(key, value, header);
    }

    private Converter converter(String fromConnector, String fromWorker, String prefix, ConnectorConfig cc,
                                boolean isKey, ClassLoader loader) {
        String className = fromConnector != null ? fromConnector : fromWorker;
        Converter c = plugins.newInstance(className, PluginType.CONVERTER, Converter.class, loader);
        Map<String, String> props = fromConnector != null ? cc.withPrefix(prefix + ".") : config.withPrefix(prefix + ".");
        props.put("converter.type", isKey ? "key" : "value");
        Plugins.runWithLoader(plugins.loaderOf(c), () -> c.configure(props, isKey));
        return c;
    }

    /** Whether source tasks run exactly-once ({@code exactly.once.source.support=enabled}, distributed mode). */
    public boolean exactlyOnceSources() {
        return config.distributedConfig() != null
                && config.distributedConfig().exactlyOnceSourceSupport().transactionalTasks();
    }

    /** The transactional id of a source task under exactly-once, as Apache Kafka Connect forms it. */
    public static String transactionalId(String groupId, TaskId id) {
        return groupId + "-" + id.connector() + "-" + id.task();
    }

    private Map<String, Object> producerProps(ConnectorConfig cc, TaskId id) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        // one request in flight per broker, as Apache Kafka Connect sets for source tasks: with several, a batch
        // refused while a fresh partition's leader comes up (NOT_LEADER_OR_FOLLOWER) can be overtaken by the next
        // batch, which a 4.3.1 broker accepts as the producer's first; the retried batch meets
        // OUT_OF_ORDER_SEQUENCE_NUMBER on every retry and the task stalls for good (KAFKA-15591, seen in
        // MirrorActiveActiveIT). Larger batches than Apache's 16 KiB win back the throughput one request costs.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "connector-producer-" + id);
        p.putAll(config.withPrefix("producer."));
        p.putAll(overrides(cc, "producer.override."));
        return p;
    }

    private Map<String, Object> consumerProps(ConnectorConfig cc, TaskId id) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "connect-" + id.connector());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "connector-consumer-" + id);
        p.putAll(config.sinkConsumerDefaults(id.connector(), id.task()));
        p.putAll(config.withPrefix("consumer."));
        p.putAll(overrides(cc, "consumer.override."));
        return p;
    }

    /** Client overrides from the connector config, checked against connector.client.config.override.policy. */
    private Map<String, String> overrides(ConnectorConfig cc, String prefix) {
        Map<String, String> o = cc.withPrefix(prefix);
        List<String> refused = overridePolicyViolations(o.keySet());
        if (!refused.isEmpty()) {
            throw new ConnectException("Client config overrides " + refused + " (prefix " + prefix + ") are not "
                    + "allowed by connector.client.config.override.policy=" + config.overridePolicy()
                    + "; remove them or change the worker's policy");
        }
        return o;
    }

    public List<String> overridePolicyViolations(Collection<String> keys) {
        List<String> refused = new ArrayList<>();
        for (String k : keys) {
            if ("none".equals(config.overridePolicy())
                    || ("principal".equals(config.overridePolicy()) && !PRINCIPAL_OVERRIDES.contains(k))) {
                refused.add(k);
            }
        }
        return refused;
    }

    public void transitionTask(TaskId id, TargetState target) {
        WorkerTask t = tasks.get(id);
        if (t != null) {
            t.transitionTo(target);
        }
    }

    /** Stops the tasks and waits up to task.shutdown.graceful.timeout.ms for all of them together. */
    public void stopTasks(Collection<TaskId> ids) {
        List<WorkerTask> stopping = new ArrayList<>();
        for (TaskId id : ids) {
            WorkerTask t = tasks.remove(id);
            if (t != null) {
                t.stop();
                stopping.add(t);
            }
        }
        long deadline = System.currentTimeMillis() + config.taskShutdownTimeoutMs();
        for (WorkerTask t : stopping) {
            if (!t.awaitStop(Math.max(0, deadline - System.currentTimeMillis()))) {
                log.warn("Task {} did not stop within {} ms; abandoning it", t.id(), config.taskShutdownTimeoutMs());
            }
        }
        leaveStaticMemberships(ids);
    }

    /**
     * A sink task's consumer with a {@code group.instance.id} (distributed mode) does not leave its group when it
     * closes; a task stopped on purpose leaves it here, so that its partitions go to the other tasks at once and
     * offsets can be altered (a worker that dies keeps its membership until a moved task's consumer replaces it).
     */
    private void leaveStaticMemberships(Collection<TaskId> ids) {
        Map<String, List<org.apache.kafka.clients.admin.MemberToRemove>> byGroup = new HashMap<>();
        for (TaskId id : ids) {
            Map.Entry<String, String> m = staticMembers.remove(id);
            if (m != null) {
                byGroup.computeIfAbsent(m.getKey(), g -> new ArrayList<>())
                        .add(new org.apache.kafka.clients.admin.MemberToRemove(m.getValue()));
            }
        }
        byGroup.forEach((group, members) -> {
            try {
                admin.removeMembersFromConsumerGroup(group,
                        new org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions(members))
                        .all().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                log.debug("Static members {} of group {} were already gone: {}", members, group, e.getCause().toString());
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("Could not remove the static members {} from group {} in time; they leave after their "
                        + "session timeout", members, group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    public List<TaskId> tasksOf(String connector) {
        return tasks.keySet().stream().filter(id -> id.connector().equals(connector)).sorted().toList();
    }

    public boolean isTaskRunning(TaskId id) {
        return tasks.containsKey(id);
    }

    public void recordActiveTopic(String connector, String topic) {
        activeTopics.computeIfAbsent(connector, k -> ConcurrentHashMap.newKeySet()).add(topic);
    }

    public Set<String> activeTopics(String connector) {
        return activeTopics.getOrDefault(connector, Set.of());
    }

    public void resetActiveTopics(String connector) {
        activeTopics.remove(connector);
        tasks.forEach((id, t) -> {
            if (id.connector().equals(connector)) {
                t.resetTopics();
            }
        });
    }

    @Override
    public void close() {
        stopTasks(new ArrayList<>(tasks.keySet()));
        for (String name : new ArrayList<>(connectors.keySet())) {
            stopConnector(name);
        }
        taskThreads.shutdown();
        connectorOffsetTopics.values().forEach(OffsetStore::close);
        admin.close();
        metrics.close();
    }
}
