package dev.rill.streams.internal.topology;

/** An internal repartition topic: its unresolved name and an explicit partition count, or null to derive it. */
public record RepartitionTopicSpec(String name, Integer partitions) {
}
