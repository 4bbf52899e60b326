package dev.rill.streams;

import java.util.List;
import java.util.Set;

/** A read-only view of a topology: its sub-topologies and their nodes. */
public interface TopologyDescription {
    /** Sub-topologies ordered by id. */
    List<Subtopology> subtopologies();

    /** A connected part of the topology; each becomes one task per input partition. */
    interface Subtopology {
        int id();

        /** Nodes in the order they were added. */
        List<Node> nodes();
    }

    /** A node of the graph. */
    interface Node {
        String name();

        Set<Node> predecessors();

        Set<Node> successors();
    }

    /** A source node. */
    interface Source extends Node {
        /** Topics read (repartition topics without the application-id prefix); null for a pattern source. */
        Set<String> topicSet();

        /** The pattern of a pattern source; null for a source of named topics. */
        java.util.regex.Pattern topicPattern();
    }

    /** A processor node. */
    interface Processor extends Node {
        Set<String> stores();
    }

    /** A sink node. */
    interface Sink extends Node {
        /** The fixed topic, or null if a topic extractor chooses it per record. */
        String topic();
    }
}
