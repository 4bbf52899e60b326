package dev.rill.streams.internal.topology;

import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.state.StoreBuilder;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable graph behind {@code Topology}: node specs in insertion order, validated as they are added, and the
 * split into sub-topologies (connected components) that tasks are made from.
 */
public final class InternalTopologyBuilder {
    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, String> sourceOfTopic = new HashMap<>();
    private final Map<String, RepartitionTopicSpec> repartitionTopics = new LinkedHashMap<>();
    private final Map<String, StoreBuilder<?>> stores = new LinkedHashMap<>();
    private final Map<String, Set<String>> storesOfProcessor = new HashMap<>();
    private final Map<String, GlobalStoreSpec> globalStores = new LinkedHashMap<>();
    /** Pattern sources by name, and the topics each has matched so far (a topic goes to the first that matches). */
    private final Map<String, SourceSpec> patternSources = new LinkedHashMap<>();
    private final Map<String, java.util.SortedSet<String>> matchedTopics = new HashMap<>();
    private final Set<String> unmatchedTopics = new java.util.HashSet<>();
    private int matchVersion;
    private Map<String, Object> topologyLevelSettings = Map.of();

    /** Settings of the topology's own (from a {@code TopologyConfig}), applied over the instance's when it runs. */
    public synchronized void setTopologyLevelSettings(Map<String, Object> settings) {
        this.topologyLevelSettings = Map.copyOf(settings);
    }

    /**
     * The configuration the topology runs with: {@code app} with the topology-level settings put over it, or
     * {@code app} itself when the topology has none.
     */
    public synchronized dev.rill.streams.StreamsConfig effectiveConfig(dev.rill.streams.StreamsConfig app) {
        if (topologyLevelSettings.isEmpty()) {
            return app;
        }
        Map<String, Object> merged = new HashMap<>(app.originals());
        merged.putAll(topologyLevelSettings);
        return new dev.rill.streams.StreamsConfig(merged);
    }

    /** Adds a global store filled from every partition of a topic on every instance (a GlobalKTable). */
    public synchronized void addGlobalStore(String storeName, GlobalStoreSpec spec) {
        if (stores.containsKey(storeName) || globalStores.containsKey(storeName)) {
            throw new TopologyException("a state store named " + storeName + " already exists; give each store a distinct name.");
        }
        String owner = sourceOfTopic.get(spec.topic());
        if (owner != null) {
            throw new TopologyException("topic " + spec.topic() + " is already read by source " + owner
                    + "; a global table needs a topic of its own.");
        }
        sourceOfTopic.put(spec.topic(), "global:" + storeName);
        globalStores.put(storeName, spec);
    }

    public synchronized Map<String, GlobalStoreSpec> globalStores() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(globalStores));
    }

    /** Adds a state store, connected to the given processors (more can be connected later). */
    public synchronized void addStateStore(StoreBuilder<?> store, String... processorNames) {
        String name = store.name();
        if (stores.containsKey(name)) {
            throw new TopologyException("a state store named " + name + " already exists; give each store a distinct name.");
        }
        stores.put(name, store);
        for (String p : processorNames) {
            connectProcessorAndStore(p, name);
        }
    }

    /** Gives a processor access to a store. */
    public synchronized void connectProcessorAndStore(String processorName, String storeName) {
        if (!stores.containsKey(storeName) && !globalStores.containsKey(storeName)) {
            throw new TopologyException("processor " + processorName + " names state store " + storeName
                    + " which does not exist; add it first with addStateStore. Existing stores: " + stores.keySet());
        }
        NodeSpec node = nodes.get(processorName);
        if (!(node instanceof ProcessorSpec)) {
            throw new TopologyException("state store " + storeName + " can only be connected to a processor, but '"
                    + processorName + "' is " + (node == null ? "not a node of this topology" : "a source or sink") + ".");
        }
        storesOfProcessor.computeIfAbsent(processorName, k -> new LinkedHashSet<>()).add(storeName);
    }

    /** The stores a processor may use: those named in its spec and those connected later. */
    public synchronized Set<String> storesOf(String processorName) {
        Set<String> out = new LinkedHashSet<>();
        if (nodes.get(processorName) instanceof ProcessorSpec p) {
            out.addAll(p.stores());
        }
        out.addAll(storesOfProcessor.getOrDefault(processorName, Set.of()));
        return out;
    }

    public synchronized StoreBuilder<?> storeBuilder(String name) {
        return stores.get(name);
    }

    public synchronized Map<String, StoreBuilder<?>> stores() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(stores));
    }

    public synchronized void addSource(SourceSpec spec) {
        checkNewName(spec.name());
        if (spec.pattern() != null) {
            for (SourceSpec other : patternSources.values()) {
                if (other.pattern().pattern().equals(spec.pattern().pattern())) {
                    throw new TopologyException("pattern " + spec.pattern() + " is already read by source "
                            + other.name() + "; a pattern can be read by one source only - reuse that source's stream.");
                }
            }
            patternSources.put(spec.name(), spec);
            matchedTopics.put(spec.name(), new java.util.TreeSet<>());
            nodes.put(spec.name(), spec);
            return;
        }
        if (spec.topics().isEmpty()) {
            throw new TopologyException("source " + spec.name() + " names no topic; give at least one topic.");
        }
        for (TopicRef topic : spec.topics()) {
            String owner = sourceOfTopic.get(topic.name());
            if (owner != null) {
                throw new TopologyException("topic " + topic.name() + " is already read by source " + owner
                        + "; a topic can be read by one source only - reuse that source's stream (e.g. with branches).");
            }
        }
        spec.topics().forEach(t -> sourceOfTopic.put(t.name(), spec.name()));
        nodes.put(spec.name(), spec);
    }

    /** Whether some source reads topics by pattern. */
    public synchronized boolean hasPatternSources() {
        return !patternSources.isEmpty();
    }

    /** The patterns of the pattern sources, in the order they were added. */
    public synchronized List<java.util.regex.Pattern> sourcePatterns() {
        return patternSources.values().stream().map(SourceSpec::pattern).toList();
    }

    /**
     * Assigns the given topics that a pattern source matches to that source (the first added whose pattern matches
     * the whole name). Topics read by name, global topics, Kafka's own ({@code __…}) and the application's internal
     * topics ({@code <applicationId>-…}) are never matched.
     *
     * @return whether a topic was newly matched (the sub-topologies then read more topics)
     */
    public synchronized boolean matchPatterns(java.util.Collection<String> topics, String applicationId) {
        if (patternSources.isEmpty()) {
            return false;
        }
        boolean changed = false;
        for (String topic : topics) {
            if (unmatchedTopics.contains(topic) || sourceOfTopic.containsKey(topic) || topic.startsWith("__")
                    || topic.startsWith(applicationId + "-") || patternSourceOf(topic) != null) {
                continue;
            }
            SourceSpec match = patternSources.values().stream()
                    .filter(p -> p.pattern().matcher(topic).matches()).findFirst().orElse(null);
            if (match == null) {
                unmatchedTopics.add(topic);
            } else {
                matchedTopics.get(match.name()).add(topic);
                changed = true;
            }
        }
        if (changed) {
            matchVersion++;
        }
        return changed;
    }

    /** The pattern source that has matched this topic, or null. */
    public synchronized SourceSpec patternSourceOf(String topic) {
        for (Map.Entry<String, java.util.SortedSet<String>> e : matchedTopics.entrySet()) {
            if (e.getValue().contains(topic)) {
                return patternSources.get(e.getKey());
            }
        }
        return null;
    }

    /** Grows each time a pattern matches a new topic, so that views of the sub-topologies know to refresh. */
    public synchronized int matchVersion() {
        return matchVersion;
    }

    public synchronized void addProcessor(ProcessorSpec spec) {
        checkNewName(spec.name());
        checkParents(spec);
        for (String store : spec.stores()) {
            if (!stores.containsKey(store) && !globalStores.containsKey(store)) {
                throw new TopologyException("processor " + spec.name() + " names state store " + store + " which does "
                        + "not exist; add it first with addStateStore. Existing stores: " + stores.keySet());
            }
        }
        nodes.put(spec.name(), spec);
    }

    public synchronized void addSink(SinkSpec spec) {
        checkNewName(spec.name());
        checkParents(spec);
        nodes.put(spec.name(), spec);
    }

    public synchronized void addRepartitionTopic(RepartitionTopicSpec spec) {
        if (repartitionTopics.containsKey(spec.name())) {
            throw new TopologyException("repartition topic " + spec.name() + " is declared twice; give each "
                    + "repartition() a distinct name with Repartitioned.as(...).");
        }
        repartitionTopics.put(spec.name(), spec);
    }

    public synchronized Map<String, RepartitionTopicSpec> repartitionTopics() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(repartitionTopics));
    }

    public synchronized List<NodeSpec> nodes() {
        return List.copyOf(nodes.values());
    }

    public synchronized boolean hasNode(String name) {
        return nodes.containsKey(name);
    }

    /** The sub-topologies, numbered from 0 in the order of their first node. */
    public synchronized List<Subtopology> subtopologies() {
        Map<String, String> root = new HashMap<>();
        nodes.keySet().forEach(n -> root.put(n, n));
        for (NodeSpec node : nodes.values()) {
            for (String parent : node.parents()) {
                union(root, node.name(), parent);
            }
        }
        // processors sharing a store must run in the same task
        Map<String, String> firstUser = new HashMap<>();
        for (NodeSpec node : nodes.values()) {
            for (String store : storesOf(node.name())) {
                if (globalStores.containsKey(store)) {
                    continue;
                }
                String other = firstUser.putIfAbsent(store, node.name());
                if (other != null) {
                    union(root, node.name(), other);
                }
            }
        }
        Map<String, List<NodeSpec>> groups = new LinkedHashMap<>();
        for (NodeSpec node : nodes.values()) {
            groups.computeIfAbsent(find(root, node.name()), k -> new ArrayList<>()).add(node);
        }
        List<Subtopology> result = new ArrayList<>();
        for (List<NodeSpec> group : groups.values()) {
            List<TopicRef> sources = new ArrayList<>();
            List<TopicRef> sinks = new ArrayList<>();
            Set<String> groupStores = new LinkedHashSet<>();
            boolean hasPattern = false;
            for (NodeSpec n : group) {
                storesOf(n.name()).stream().filter(st -> !globalStores.containsKey(st)).forEach(groupStores::add);
                if (n instanceof SourceSpec s && s.pattern() != null) {
                    matchedTopics.get(s.name()).forEach(t -> sources.add(TopicRef.user(t)));
                    hasPattern = true;
                } else if (n instanceof SourceSpec s) {
                    sources.addAll(s.topics());
                } else if (n instanceof SinkSpec s && s.topic() != null && !sinks.contains(s.topic())) {
                    sinks.add(s.topic());
                }
            }
            if (sources.isEmpty() && !hasPattern) {
                throw new TopologyException("nodes " + group.stream().map(NodeSpec::name).toList()
                        + " are not connected to any source; connect them to a source or remove them.");
            }
            result.add(new Subtopology(result.size(), group, sources, sinks, List.copyOf(groupStores)));
        }
        return result;
    }

    private void checkNewName(String name) {
        if (name == null || name.isBlank()) {
            throw new TopologyException("a node name must be non-empty but was '" + name + "'.");
        }
        if (nodes.containsKey(name)) {
            throw new TopologyException("a node named " + name + " already exists; choose another name.");
        }
    }

    private void checkParents(NodeSpec spec) {
        if (spec.parents().isEmpty()) {
            throw new TopologyException(spec.name() + " has no parent; name at least one parent node.");
        }
        for (String parent : spec.parents()) {
            NodeSpec p = nodes.get(parent);
            if (p == null) {
                throw new TopologyException(spec.name() + " names parent " + parent
                        + " which does not exist (yet); add the parent first. Existing nodes: " + nodes.keySet());
            }
            if (p instanceof SinkSpec) {
                throw new TopologyException(spec.name() + " names sink " + parent + " as parent; a sink has no children.");
            }
            if (parent.equals(spec.name())) {
                throw new TopologyException(spec.name() + " names itself as parent.");
            }
        }
    }

    private static String find(Map<String, String> root, String n) {
        String r = n;
        while (!root.get(r).equals(r)) {
            r = root.get(r);
        }
        root.put(n, r);
        return r;
    }

    private static void union(Map<String, String> root, String a, String b) {
        String ra = find(root, a);
        String rb = find(root, b);
        if (!ra.equals(rb)) {
            root.put(rb, ra);
        }
    }
}
