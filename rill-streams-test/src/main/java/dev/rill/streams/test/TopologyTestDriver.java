package dev.rill.streams.test;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.Topology;
import dev.rill.streams.internal.engine.ErrorHandling;
import dev.rill.streams.internal.engine.ErrorOrigin;
import dev.rill.streams.internal.engine.GlobalStateManager;
import dev.rill.streams.internal.engine.RecordCollector;
import dev.rill.streams.internal.engine.PartitionLags;
import dev.rill.streams.internal.engine.StreamTask;
import dev.rill.streams.internal.engine.TaskFactory;
import dev.rill.streams.internal.engine.TaskMetrics;
import dev.rill.streams.internal.metrics.StreamsMetricsImpl;
import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.PartitionCounts;
import dev.rill.streams.internal.topology.TopologyAccess;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.processor.api.SimpleHeaders;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Runs a topology without a broker, on the same task engine as {@code RillStreams}. Unlike Kafka Streams' driver,
 * input topics may have several partitions: there is then one task per partition, records are routed by key hash
 * (or to a chosen partition), and repartition topics are fed back to the right downstream task.
 *
 * <pre>{@code
 * try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Map.of("payment", 4))) {
 *     TestInputTopic<String, String> in = driver.createInputTopic("payment", new StringSerializer(), new StringSerializer());
 *     TestOutputTopic<String, String> out = driver.createOutputTopic("unknown-payment", new StringDeserializer(), new StringDeserializer());
 *     in.pipeInput("unknown", "42");
 *     assertThat(out.readKeyValue()).isEqualTo(KeyValue.pair("unknown", "42"));
 * }
 * }</pre>
 */
public class TopologyTestDriver implements Closeable {
    private final StreamsConfig config;
    private final TaskFactory factory;
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private final Map<TaskId, StreamTask> tasks = new TreeMap<>();
    private final Map<TopicPartition, Long> nextInputOffset = new HashMap<>();
    private final Map<String, ArrayDeque<Output>> outputs = new LinkedHashMap<>();
    private final ArrayDeque<Output> feedback = new ArrayDeque<>();
    private final Map<String, Integer> roundRobin = new HashMap<>();
    private final Metrics registry = new Metrics();
    private final TaskMetrics metrics = new TaskMetrics(new StreamsMetricsImpl(registry));
    private final ErrorHandling errors;
    private final Collector collector = new Collector();
    private long wallClockMs;
    private boolean closed;
    private java.nio.file.Path tempStateDir;
    private GlobalStateManager globalState;

    public TopologyTestDriver(Topology topology) {
        this(topology, new Properties());
    }

    public TopologyTestDriver(Topology topology, Properties config) {
        this(topology, config, Map.of(), Instant.now());
    }

    /** A driver with default settings whose wall clock starts at {@code initialWallClockTime}. */
    public TopologyTestDriver(Topology topology, Instant initialWallClockTime) {
        this(topology, new Properties(), Map.of(), initialWallClockTime);
    }

    public TopologyTestDriver(Topology topology, Properties config, Instant initialWallClockTime) {
        this(topology, config, Map.of(), initialWallClockTime);
    }

    /** A driver whose given topics have the given partition counts (others have 1). */
    public TopologyTestDriver(Topology topology, Properties config, Map<String, Integer> topicPartitions) {
        this(topology, config, topicPartitions, Instant.now());
    }

    public TopologyTestDriver(Topology topology, Properties config, Map<String, Integer> topicPartitions,
                              Instant initialWallClockTime) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test-driver");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test-driver:9092");
        p.putAll(config);
        // like Kafka Streams' driver: left/outer stream-stream joins look for closed windows on every record rather
        // than at most once per second of (here frozen) wall-clock time, unless the test says otherwise
        p.putIfAbsent("__emit.interval.ms.kstreams.outer.join.spurious.results.fix__", 0L);
        if (!p.containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
            try {
                tempStateDir = java.nio.file.Files.createTempDirectory("rill-test-driver-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot create a state directory for the test driver", e);
            }
            p.put(StreamsConfig.STATE_DIR_CONFIG, tempStateDir.toString());
        }
        this.config = TopologyAccess.builderOf(topology).effectiveConfig(new StreamsConfig(p));
        this.wallClockMs = initialWallClockTime.toEpochMilli();
        this.errors = new ErrorHandling(this.config, metrics);
        InternalTopologyBuilder builder = TopologyAccess.builderOf(topology);
        topicPartitions.forEach((topic, n) -> {
            if (n < 1) {
                throw new IllegalArgumentException("Topic " + topic + " needs at least 1 partition but was given " + n);
            }
        });
        partitionCounts.putAll(topicPartitions);
        // pattern sources read the topics given a partition count now, and any other matching input topic when piped
        builder.matchPatterns(topicPartitions.keySet(), this.config.applicationId());
        Map<String, Integer> sourceCounts = PartitionCounts.resolve(builder, this.config.applicationId(),
                t -> topicPartitions.getOrDefault(t, 1));
        partitionCounts.putAll(sourceCounts);
        this.factory = new TaskFactory(builder, this.config);
        if (!builder.globalStores().isEmpty()) {
            globalState = new GlobalStateManager(this.config, builder.globalStores(), metrics.streamsMetrics());
            globalState.open();
            factory.setGlobalStores(globalState.stores());
        }
        List<TopicPartition> all = new ArrayList<>();
        sourceCounts.forEach((topic, n) -> {
            for (int i = 0; i < n; i++) {
                all.add(new TopicPartition(topic, i));
            }
        });
        factory.tasksFor(all).forEach((id, parts) -> tasks.put(id,
                factory.create(id, parts, collector, errors, metrics, () -> wallClockMs)));
        tasks.values().forEach(StreamTask::initialize);
        drainFeedback();
    }

    public final <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                              Serializer<V> valueSerializer) {
        return new TestInputTopic<>(this, topic, keySerializer, valueSerializer, Instant.ofEpochMilli(wallClockMs),
                Duration.ZERO);
    }

    public final <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                              Serializer<V> valueSerializer, Instant startTimestamp,
                                                              Duration autoAdvance) {
        return new TestInputTopic<>(this, topic, keySerializer, valueSerializer, startTimestamp, autoAdvance);
    }

    public final <K, V> TestOutputTopic<K, V> createOutputTopic(String topic, Deserializer<K> keyDeserializer,
                                                                Deserializer<V> valueDeserializer) {
        return new TestOutputTopic<>(this, topic, keyDeserializer, valueDeserializer);
    }

    /** Advances wall-clock time and fires due wall-clock punctuations of every task. */
    public void advanceWallClockTime(Duration advance) {
        checkOpen();
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must not be negative but was " + advance);
        }
        wallClockMs += advance.toMillis();
        for (StreamTask t : tasks.values()) {
            // records held back by max.task.idle.ms may be processable now
            t.process(Integer.MAX_VALUE, wallClockMs, PartitionLags.CAUGHT_UP);
        }
        for (StreamTask t : tasks.values()) {
            t.maybePunctuateWallClock(wallClockMs);
        }
        drainFeedback();
    }

    /** Topics the topology wrote to so far (including repartition topics, with the application-id prefix). */
    public Set<String> producedTopicNames() {
        return outputs.keySet();
    }

    /** Records dropped by exception handlers or invalid timestamps so far. */
    public long droppedRecords() {
        return metrics.dropped();
    }

    /** The number of partitions the driver gives a topic. */
    public int partitionCount(String topic) {
        return partitionCounts.getOrDefault(topic, 1);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tasks.values().forEach(StreamTask::close);
        if (globalState != null) {
            globalState.close();
        }
        registry.close();
        if (tempStateDir != null) {
            try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(tempStateDir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                // a temp directory left behind is harmless
            }
        }
    }

    /**
     * The driver's metrics: the sensors processors and stores added through their context's {@code metrics()}, as
     * {@code RillStreams.metrics()} shows them for a running instance.
     */
    public Map<MetricName, ? extends Metric> metrics() {
        return java.util.Collections.unmodifiableMap(registry.metrics());
    }

    /**
     * A state store by name. With several partitions each task has its own instance; this returns the one of
     * partition 0 (use {@link #getStateStore(String, int)} for others).
     */
    public StateStore getStateStore(String name) {
        return getStateStore(name, 0);
    }

    /** The instance of a state store owned by the task of the given partition, or null. */
    public StateStore getStateStore(String name, int partition) {
        if (globalState != null && globalState.stores().containsKey(name)) {
            return globalState.stores().get(name);
        }
        for (StreamTask t : tasks.values()) {
            if (t.id().partition() == partition && t.store(name) != null) {
                return t.store(name);
            }
        }
        return null;
    }

    /**
     * Every state store by name: the global stores and, with several partitions, the instances of partition 0's
     * tasks (as {@link #getStateStore(String)} returns them).
     */
    public Map<String, StateStore> getAllStateStores() {
        Map<String, StateStore> all = new java.util.TreeMap<>();
        if (globalState != null) {
            all.putAll(globalState.stores());
        }
        for (StreamTask t : tasks.values()) {
            if (t.id().partition() == 0) {
                for (String name : factory.subtopologies().get(t.id().subtopology()).stores()) {
                    StateStore store = t.store(name);
                    if (store != null) {
                        all.put(name, store);
                    }
                }
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> getKeyValueStore(String name) {
        StateStore s = getStateStore(name);
        if (s instanceof TimestampedKeyValueStore<?, ?> ts) {
            return new PlainValueView<>((TimestampedKeyValueStore<K, V>) ts);
        }
        return (KeyValueStore<K, V>) s;
    }

    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, ValueAndTimestamp<V>> getTimestampedKeyValueStore(String name) {
        return (KeyValueStore<K, ValueAndTimestamp<V>>) getStateStore(name);
    }

    /** A window store by name; a timestamped one is seen without its timestamps (as Kafka Streams' driver). */
    @SuppressWarnings("unchecked")
    public <K, V> WindowStore<K, V> getWindowStore(String name) {
        StateStore s = getStateStore(name);
        if (s instanceof TimestampedWindowStore<?, ?> ts) {
            return new PlainWindowView<>((TimestampedWindowStore<K, V>) ts);
        }
        return (WindowStore<K, V>) s;
    }

    /** A timestamped window store by name, values with their timestamps. */
    @SuppressWarnings("unchecked")
    public <K, V> WindowStore<K, ValueAndTimestamp<V>> getTimestampedWindowStore(String name) {
        return (WindowStore<K, ValueAndTimestamp<V>>) getStateStore(name);
    }

    /** A session store by name. */
    @SuppressWarnings("unchecked")
    public <K, V> SessionStore<K, V> getSessionStore(String name) {
        return (SessionStore<K, V>) getStateStore(name);
    }

    /** Like Kafka Streams' driver, commits (writes caches through) after every record processed. */
    private void commitAll() {
        for (StreamTask t : tasks.values()) {
            t.flushState();
            // under exactly_once_v2 the stores buffer writes until the commit: the driver's commit always succeeds
            t.commitState(Map.of());
        }
    }

    // ---- used by TestInputTopic / TestOutputTopic

    void pipeRaw(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp) {
        checkOpen();
        if (globalState != null && globalState.topics().contains(topic)) {
            TopicPartition gtp = new TopicPartition(topic, 0);
            long offset = nextInputOffset.merge(gtp, 1L, Long::sum) - 1;
            globalState.apply(new ConsumerRecord<>(topic, 0, offset, timestamp, TimestampType.CREATE_TIME,
                    key == null ? -1 : key.length, value == null ? -1 : value.length, key, value,
                    new SimpleHeaders(headers), Optional.empty()));
            return;
        }
        Integer sub = factory.subtopologyOf(topic);
        if (sub == null) {
            throw new IllegalArgumentException("Unknown input topic " + topic + ": the topology reads "
                    + factory.sourceTopics() + ".");
        }
        int n = partitionCount(topic);
        int p = partition != null ? partition : partitionFor(topic, key, n);
        if (p < 0 || p >= n) {
            throw new IllegalArgumentException("Partition " + p + " does not exist: topic " + topic + " has " + n
                    + " partition(s) in this driver; give more with the topicPartitions constructor argument.");
        }
        enqueue(topic, p, key, value, new SimpleHeaders(headers), timestamp);
        drainFeedback();
    }

    private void enqueue(String topic, int partition, byte[] key, byte[] value, Headers headers, long timestamp) {
        TopicPartition tp = new TopicPartition(topic, partition);
        long offset = nextInputOffset.merge(tp, 1L, Long::sum) - 1;
        ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>(topic, partition, offset, timestamp,
                TimestampType.CREATE_TIME, key == null ? -1 : key.length, value == null ? -1 : value.length, key, value,
                headers, Optional.empty());
        StreamTask task = taskFor(tp);
        task.addRecords(tp, List.of(raw));
        task.process(Integer.MAX_VALUE, wallClockMs, PartitionLags.CAUGHT_UP);
    }

    /**
     * The task of an input partition. A topic a pattern source matched since the driver started gets its partition
     * added to the task of that partition number, or a new task, as Kafka Streams groups pattern-matched topics.
     */
    private StreamTask taskFor(TopicPartition tp) {
        TaskId id = new TaskId(factory.subtopologyOf(tp.topic()), tp.partition());
        StreamTask task = tasks.get(id);
        if (task == null) {
            task = factory.create(id, List.of(tp), collector, errors, metrics, () -> wallClockMs);
            tasks.put(id, task);
            task.initialize();
            if (config.maxTaskIdleMs() > 0) {
                // the task waits for its empty partitions, so it has to know them all from the start
                for (String topic : factory.sourceTopics()) {
                    if (id.subtopology() == factory.subtopologyOf(topic) && tp.partition() < partitionCount(topic)) {
                        task.addInputPartition(new TopicPartition(topic, tp.partition()), factory.sourceNameOf(topic));
                    }
                }
            }
        } else if (!task.partitions().contains(tp)) {
            task.addInputPartition(tp, factory.sourceNameOf(tp.topic()));
        }
        return task;
    }

    private int partitionFor(String topic, byte[] key, int n) {
        if (key == null) {
            return roundRobin.merge(topic, 1, Integer::sum) % n;
        }
        return Utils.toPositive(Utils.murmur2(key)) % n;
    }

    /**
     * Commits, then feeds what went to repartition topics back in one record at a time, committing after each: like
     * Kafka Streams' driver, every record processed (also one from an internal topic) is followed by a commit, so
     * caches are written through and tests see every intermediate update.
     */
    private void drainFeedback() {
        commitAll();
        Output o;
        while ((o = feedback.poll()) != null) {
            enqueue(o.topic(), o.partition(), o.key(), o.value(), new SimpleHeaders(o.headers()), o.timestamp());
            commitAll();
        }
    }

    Output readOutput(String topic) {
        ArrayDeque<Output> q = outputs.get(topic);
        return q == null ? null : q.poll();
    }

    long outputSize(String topic) {
        ArrayDeque<Output> q = outputs.get(topic);
        return q == null ? 0 : q.size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The TopologyTestDriver is closed.");
        }
    }

    /** A record the topology wrote. */
    record Output(String topic, int partition, long timestamp, byte[] key, byte[] value, Headers headers) {
    }

    private final class Collector implements RecordCollector {
        @Override
        public void send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers,
                         ErrorOrigin origin) {
            int n = partitionCount(topic);
            int p = partition != null ? partition : partitionFor(topic, key, n);
            boolean changelog = partition != null && topic.endsWith("-changelog");
            if (p < 0 || p >= n && !changelog) {
                throw new IllegalArgumentException("A partitioner chose partition " + p + " of topic " + topic
                        + " which has " + n + " partition(s).");
            }
            Output out = new Output(topic, p, timestamp, key, value, new SimpleHeaders(headers));
            outputs.computeIfAbsent(topic, t -> new ArrayDeque<>()).add(out);
            if (factory.subtopologyOf(topic) != null) {
                feedback.add(out);
            }
        }

        @Override
        public int partitionCount(String topic) {
            return TopologyTestDriver.this.partitionCount(topic);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
