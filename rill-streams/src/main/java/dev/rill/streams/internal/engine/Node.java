package dev.rill.streams.internal.engine;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.api.Record;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A node of one task's instantiated topology. Children are an array so forwarding allocates nothing. */
abstract class Node {
    private static final Node[] NONE = new Node[0];

    final String name;
    Node[] children = NONE;
    /** Names of the state stores this node may use. */
    java.util.Set<String> stores = java.util.Set.of();
    private Map<String, Node> childrenByName = Map.of();

    Node(String name) {
        this.name = name;
    }

    void setChildren(List<Node> nodes) {
        children = nodes.toArray(NONE);
        Map<String, Node> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name, n));
        childrenByName = byName;
    }

    abstract void init(TaskContext context);

    abstract void process(Record<Object, Object> record);

    void close() {
    }

    final void forward(Record<Object, Object> record) {
        Node[] cs = children;
        for (Node child : cs) {
            child.process(record);
        }
    }

    final void forward(Record<Object, Object> record, String childName) {
        Node child = childrenByName.get(childName);
        if (child == null) {
            throw new StreamsException("Processor " + name + " has no child named '" + childName + "'; its children are "
                    + childrenByName.keySet() + ". Use one of those names, or forward without a name to reach all.");
        }
        child.process(record);
    }
}
