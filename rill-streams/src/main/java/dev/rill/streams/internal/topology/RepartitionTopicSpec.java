package dev.rill.streams.internal.topology;

/**
 * An internal repartition topic: its unresolved name and an explicit partition count, or null to derive it. A derived
 * count comes from the sub-topology that writes the topic, unless {@code partitionedLikeReader} is set: then the topic
 * takes the count of the other topics of the sub-topology that reads it (a foreign-key join's subscription topic is
 * partitioned like the right table, its response topic like the left table).
 */
public record RepartitionTopicSpec(String name, Integer partitions, boolean partitionedLikeReader) {
    public RepartitionTopicSpec(String name, Integer partitions) {
        this(name, partitions, false);
    }
}
