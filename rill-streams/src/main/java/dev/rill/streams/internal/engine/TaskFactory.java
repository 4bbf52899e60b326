package dev.rill.streams.internal.engine;

import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.state.CacheBudget;
import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.NodeSpec;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.internal.topology.ProcessorSpec;
import dev.rill.streams.internal.topology.ResetPolicy;
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
    private final InternalTopologyBuilder topology;
    private final StreamsConfig config;
    private volatile View view;

    /**
     * The sub-topologies and the topic lookups derived from them, as of one {@code matchVersion} of the topology: a
     * pattern source matching a new topic makes a new view.
     */
    private record View(int version, List<Subtopology> subtopologies, Map<String, Integer> subtopologyOfTopic,
                        Map<String, ResetPolicy> resetPolicyOfTopic) {
    }

    public TaskFactory(InternalTopologyBuilder topology, StreamsConfig config) {
        this.topology = topology;
        this.config = config;
        this.view = makeView();
    }

    private View makeView() {
        int version = topology.matchVersion();
        List<Subtopology> subtopologies = List.copyOf(topology.subtopologies());
        Map<String, Integer> subtopologyOfTopic = new HashMap<>();
        Map<String, ResetPolicy> resetPolicyOfTopic = new HashMap<>();
        for (Subtopology s : subtopologies) {
            for (TopicRef t : s.sourceTopics()) {
                subtopologyOfTopic.put(t.resolve(config.applicationId()), s.id());
                SourceSpec src = sourceOf(s, t.resolve(config.applicationId()));
                if (src != null && src.resetPolicy() != null) {
                    resetPolicyOfTopic.put(t.resolve(config.applicationId()), src.resetPolicy());
                }
            }
        }
        return new View(version, subtopologies, subtopologyOfTopic, resetPolicyOfTopic);
    }

    /** The current view, rebuilt if a pattern matched new topics since. */
    private View view() {
        View v = view;
        if (v.version() != topology.matchVersion()) {
            synchronized (this) {
                v = view;
                if (v.version() != topology.matchVersion()) {
                    v = makeView();
                    view = v;
                }
            }
        }
        return v;
    }

    /** The source node spec of a sub-topology that reads a (resolved) topic, by name or by pattern. */
    private SourceSpec sourceOf(Subtopology sub, String topic) {
        SourceSpec byPattern = topology.patternSourceOf(topic);
        if (byPattern != null) {
            return sub.nodes().contains(byPattern) ? byPattern : null;
        }
        for (NodeSpec n : sub.nodes()) {
            if (n instanceof SourceSpec src && src.pattern() == null
                    && src.topics().stream().anyMatch(t -> t.resolve(config.applicationId()).equals(topic))) {
                return src;
            }
        }
        return null;
    }

    /**
     * Matches topics against the pattern sources (topics in the cluster's metadata, or assigned to this member), so
     * that the sub-topologies read the matched ones from now on.
     *
     * @return whether a topic was newly matched
     */
    public boolean matchPatterns(Collection<String> topics) {
        return topology.matchPatterns(topics, config.applicationId());
    }

    /**
     * The subscription of a topology with pattern sources: its named source topics and its patterns; null when it
     * has none (subscribe to {@link #sourceTopics()} then).
     */
    public java.util.regex.Pattern subscriptionPattern() {
        if (!topology.hasPatternSources()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Subtopology s : view().subtopologies()) {
            for (NodeSpec n : s.nodes()) {
                if (n instanceof SourceSpec src && src.pattern() == null) {
                    src.topics().forEach(t -> parts.add(java.util.regex.Pattern.quote(t.resolve(config.applicationId()))));
                }
            }
        }
        topology.sourcePatterns().forEach(p -> parts.add("(?:" + p.pattern() + ")"));
        return java.util.regex.Pattern.compile(String.join("|", parts));
    }

    /** Whether some source has a reset policy of its own. */
    public boolean hasSourceResetPolicies() {
        if (!view().resetPolicyOfTopic().isEmpty()) {
            return true;
        }
        return topology.nodes().stream().anyMatch(n -> n instanceof SourceSpec src && src.pattern() != null
                && src.resetPolicy() != null);
    }

    /** The reset policy of the source reading a (resolved) topic, or null when it follows the consumer's. */
    public ResetPolicy resetPolicyOf(String topic) {
        subtopologyOf(topic);
        return view().resetPolicyOfTopic().get(topic);
    }

    public String applicationId() {
        return config.applicationId();
    }

    /** The sub-topology that reads a (resolved) topic, or null. */
    public Integer subtopologyOf(String topic) {
        Integer s = view().subtopologyOfTopic().get(topic);
        if (s == null && matchPatterns(List.of(topic))) {
            s = view().subtopologyOfTopic().get(topic);
        }
        return s;
    }

    /** Source topics that are repartition topics, resolved. */
    public Set<String> repartitionTopics() {
        Set<String> out = new java.util.HashSet<>();
        for (Subtopology s : view().subtopologies()) {
            s.sourceTopics().stream().filter(TopicRef::internal).forEach(t -> out.add(t.resolve(config.applicationId())));
        }
        return out;
    }

    /** All source topics, resolved (with the topics pattern sources matched so far). */
    public Set<String> sourceTopics() {
        return view().subtopologyOfTopic().keySet();
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
        return view().subtopologies();
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
        partitions.forEach(tp -> subtopologyOf(tp.topic()));
        Subtopology sub = view().subtopologies().get(id.subtopology());
        String appId = config.applicationId();
        TaskContext context = new TaskContext(id, config, collector, errors, clock, metrics.streamsMetrics());
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
                sub.sourceTopics().stream().map(t -> t.resolve(appId)).filter(t -> sourceOf(sub, t) == s)
                        .forEach(t -> sourceOfTopic.put(t, src));
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
        return new StreamTask(id, context, new ArrayList<>(byName.values()), queues, metrics, stateManager,
                config.maxTaskIdleMs());
    }

    /**
     * The name of the source node that reads a (resolved) topic in its sub-topology, for a partition added to a
     * running task (a topic a pattern matched after the task was made); null if no source reads it.
     */
    public String sourceNameOf(String topic) {
        Integer s = subtopologyOf(topic);
        if (s == null) {
            return null;
        }
        SourceSpec src = sourceOf(view().subtopologies().get(s), topic);
        return src == null ? null : src.name();
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
        return view().subtopologies().stream().map(s -> s.id() + ":" + s.sourceTopics()).collect(Collectors.joining(", "));
    }
}
