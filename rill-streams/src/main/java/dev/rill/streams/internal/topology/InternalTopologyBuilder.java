package dev.rill.streams.internal.topology;

import dev.rill.streams.errors.TopologyException;
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

    public synchronized void addSource(SourceSpec spec) {
        checkNewName(spec.name());
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

    public synchronized void addProcessor(ProcessorSpec spec) {
        checkNewName(spec.name());
        checkParents(spec);
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
        Map<String, List<NodeSpec>> groups = new LinkedHashMap<>();
        for (NodeSpec node : nodes.values()) {
            groups.computeIfAbsent(find(root, node.name()), k -> new ArrayList<>()).add(node);
        }
        List<Subtopology> result = new ArrayList<>();
        for (List<NodeSpec> group : groups.values()) {
            List<TopicRef> sources = new ArrayList<>();
            List<TopicRef> sinks = new ArrayList<>();
            for (NodeSpec n : group) {
                if (n instanceof SourceSpec s) {
                    sources.addAll(s.topics());
                } else if (n instanceof SinkSpec s && s.topic() != null && !sinks.contains(s.topic())) {
                    sinks.add(s.topic());
                }
            }
            if (sources.isEmpty()) {
                throw new TopologyException("nodes " + group.stream().map(NodeSpec::name).toList()
                        + " are not connected to any source; connect them to a source or remove them.");
            }
            result.add(new Subtopology(result.size(), group, sources, sinks));
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
