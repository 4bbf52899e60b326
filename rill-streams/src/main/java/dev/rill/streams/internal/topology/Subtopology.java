package dev.rill.streams.internal.topology;

import java.util.List;

/** A connected part of a topology: the unit that becomes one task per input partition; with the stores it uses. */
public record Subtopology(int id, List<NodeSpec> nodes, List<TopicRef> sourceTopics, List<TopicRef> sinkTopics,
                          List<String> stores) {
    public Subtopology {
        nodes = List.copyOf(nodes);
        sourceTopics = List.copyOf(sourceTopics);
        sinkTopics = List.copyOf(sinkTopics);
        stores = List.copyOf(stores);
    }
}
