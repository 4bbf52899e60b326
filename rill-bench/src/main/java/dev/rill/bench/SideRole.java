package dev.rill.bench;

/** What a side stands for in a comparison; the report computes Rill's ratios against the other two. */
public enum SideRole {
    /** The best a plain kafka-clients program can do: a byte-level consumer-to-producer pipe. */
    CEILING,
    /** The Apache Kafka implementation Rill is compared with (Kafka Streams, Kafka Connect, MirrorMaker 2). */
    ANCHOR,
    /**
     * The anchor given Rill's client settings (fetch, poll and batch sizes): shows how much of Rill's lead over the
     * anchor is its runtime and how much is configuration.
     */
    ANCHOR_WITH_RILL_CLIENTS,
    /** Rill's implementation. */
    RILL
}
