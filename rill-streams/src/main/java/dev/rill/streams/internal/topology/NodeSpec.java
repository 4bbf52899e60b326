package dev.rill.streams.internal.topology;

import java.util.List;

/** One node of a topology as the user declared it; a blueprint from which every task builds its own node. */
public abstract sealed class NodeSpec permits SourceSpec, ProcessorSpec, SinkSpec {
    private final String name;
    private final List<String> parents;

    NodeSpec(String name, List<String> parents) {
        this.name = name;
        this.parents = List.copyOf(parents);
    }

    public String name() {
        return name;
    }

    public List<String> parents() {
        return parents;
    }
}
