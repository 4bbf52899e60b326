package dev.rill.streams.internal.engine;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.NodeSpec;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.internal.topology.ProcessorSpec;
import dev.rill.streams.internal.topology.SinkSpec;
import dev.rill.streams.internal.topology.SourceSpec;
import dev.rill.streams.internal.topology.Subtopology;
import dev.rill.streams.internal.topology.TopicRef;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.api.FixedKeyProcessor;
import dev.rill.streams.processor.api.Processor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/** Instantiates tasks of one topology: fresh processors from the suppliers, wired by the parent lists. */
public final class TaskFactory {
    private final List<Subtopology> subtopologies;
    private final InternalTopologyBuilder topology;
    private final StreamsConfig config;
    private final Map<String, Integer> subtopologyOfTopic = new HashMap<>();

    public TaskFactory(InternalTopologyBuilder topology, StreamsConfig config) {
        this.topology = topology;
        this.subtopologies = List.copyOf(topology.subtopologies());
        this.config = config;
        for (Subtopology s : subtopologies) {
            for (TopicRef t : s.sourceTopics()) {
                subtopologyOfTopic.put(t.resolve(config.applicationId()), s.id());
            }
        }
    }

    public String applicationId() {
        return config.applicationId();
    }

    /** The sub-topology that reads a (resolved) topic, or null. */
    public Integer subtopologyOf(String topic) {
        return subtopologyOfTopic.get(topic);
    }

    /** Source topics that are repartition topics, resolved. */
    public Set<String> repartitionTopics() {
        Set<String> out = new java.util.HashSet<>();
        for (Subtopology s : subtopologies) {
            s.sourceTopics().stream().filter(TopicRef::internal).forEach(t -> out.add(t.resolve(config.applicationId())));
        }
        return out;
    }

    /** All source topics, resolved. */
    public Set<String> sourceTopics() {
        return subtopologyOfTopic.keySet();
    }

    private volatile Map<String, dev.rill.streams.processor.StateStore> globalStores = Map.of();

    /** The instance's global stores, visible to every task created afterwards. */
    public void setGlobalStores(Map<String, dev.rill.streams.processor.StateStore> stores) {
        this.globalStores = Map.copyOf(stores);
    }

    public Map<String, dev.rill.streams.processor.StateStore> globalStores() {
        return globalStores;
    }

    public InternalTopologyBuilder topology() {
        return topology;
    }

    public StreamsConfig config() {
        return config;
    }

    public List<Subtopology> subtopologies() {
        return subtopologies;
    }

    /** Groups partitions by the task that owns them. */
    public Map<TaskId, List<TopicPartition>> tasksFor(Collection<TopicPartition> partitions) {
        Map<TaskId, List<TopicPartition>> out = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            Integer s = subtopologyOf(tp.topic());
            if (s != null) {
                out.computeIfAbsent(new TaskId(s, tp.partition()), k -> new ArrayList<>()).add(tp);
            }
        }
        return out;
    }

    /** Creates (not yet initialized) the task for the given partitions, with a write cache of its own budget. */
    public StreamTask create(TaskId id, Collection<TopicPartition> partitions, RecordCollector collector,
                             ErrorHandling errors, TaskMetrics metrics, WallClock clock) {
        return create(id, partitions, collector, errors, metrics, clock, new CacheBudget(config.cacheMaxBytes()));
    }

    /** Creates (not yet initialized) the task for the given partitions; its caches share the given budget. */
    @SuppressWarnings("unchecked")
    public StreamTask create(TaskId id, Collection<TopicPartition> partitions, RecordCollector collector,
                             ErrorHandling errors, TaskMetrics metrics, WallClock clock, CacheBudget budget) {
        Subtopology sub = subtopologies.get(id.subtopology());
        String appId = config.applicationId();
        TaskContext context = new TaskContext(id, config, collector, errors, clock);
        Map<String, StoreBuilder<?>> storeBuilders = new LinkedHashMap<>();
        for (String store : sub.stores()) {
            storeBuilders.put(store, topology.storeBuilder(store));
        }
        TaskStateManager stateManager = new TaskStateManager(id, config, context, budget, storeBuilders, globalStores);
        context.setStateManager(stateManager);
        Map<String, Node> byName = new LinkedHashMap<>();
        Map<String, SourceNode> sourceOfTopic = new HashMap<>();
        for (NodeSpec spec : sub.nodes()) {
            Node node;
            if (spec instanceof SourceSpec s) {
                SourceNode src = new SourceNode(s.name(), s.keyDeserializer(), s.valueDeserializer(),
                        s.timestampExtractor());
                s.topics().forEach(t -> sourceOfTopic.put(t.resolve(appId), src));
                node = src;
            } else if (spec instanceof SinkSpec s) {
                node = new SinkNode(s.name(), s.topic() == null ? null : s.topic().resolve(appId), s.topicExtractor(),
                        s.keySerializer(), s.valueSerializer(), s.partitioner());
            } else {
                node = processorNode((ProcessorSpec) spec);
                node.stores = topology.storesOf(spec.name());
            }
            byName.put(spec.name(), node);
        }
        Map<Node, List<Node>> children = new IdentityHashMap<>();
        for (NodeSpec spec : sub.nodes()) {
            for (String parent : spec.parents()) {
                children.computeIfAbsent(byName.get(parent), k -> new ArrayList<>()).add(byName.get(spec.name()));
            }
        }
        children.forEach(Node::setChildren);
        Map<TopicPartition, PartitionQueue> queues = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            SourceNode src = sourceOfTopic.get(tp.topic());
            if (src == null || tp.partition() != id.partition()) {
                throw new IllegalArgumentException("Partition " + tp + " does not belong to task " + id
                        + " (sub-topology " + id.subtopology() + " reads " + sourceOfTopic.keySet() + ")");
            }
            queues.put(tp, new PartitionQueue(tp, src));
        }
        return new StreamTask(id, context, new ArrayList<>(byName.values()), queues, metrics, stateManager);
    }

    @SuppressWarnings("unchecked")
    private static Node processorNode(ProcessorSpec spec) {
        if (spec.supplier() != null) {
            Processor<?, ?, ?, ?> p = spec.supplier().get();
            if (p == null) {
                throw new StreamsException("The ProcessorSupplier of " + spec.name() + " returned null; it must return "
                        + "a new Processor on every call.");
            }
            return new ProcessorNode(spec.name(), (Processor<Object, Object, Object, Object>) p);
        }
        FixedKeyProcessor<?, ?, ?> p = spec.fixedKeySupplier().get();
        if (p == null) {
            throw new StreamsException("The FixedKeyProcessorSupplier of " + spec.name() + " returned null; it must "
                    + "return a new FixedKeyProcessor on every call.");
        }
        return new FixedKeyProcessorNode(spec.name(), (FixedKeyProcessor<Object, Object, Object>) p);
    }

    @Override
    public String toString() {
        return subtopologies.stream().map(s -> s.id() + ":" + s.sourceTopics()).collect(Collectors.joining(", "));
    }
}
