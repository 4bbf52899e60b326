package dev.rill.kafka.embedded.internal;

/** One KRaft node of an embedded cluster, running in this JVM or in a child JVM. */
public interface KafkaNode {

    NodeSpec spec();

    NodeState state();

    /** Formats storage if needed and starts the node; returns once it serves requests. */
    void start();

    /** Shuts down cleanly (controlled shutdown for brokers). */
    void stop();

    /** Stops at once, like {@code kill -9}: no controlled shutdown, no flush. */
    void hardKill();

    static KafkaNode create(NodeSpec spec, boolean forked) {
        return forked ? new ForkedNode(spec) : new InProcessNode(spec);
    }
}
