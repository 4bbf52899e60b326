package dev.rill.streams;

import dev.rill.streams.internal.kstream.InternalStreamsBuilder;
import dev.rill.streams.internal.topology.TopologyAccess;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.GlobalKTable;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Entry point of the DSL: declare streams, chain operators, then {@link #build()} the {@link Topology}.
 *
 * <pre>{@code
 * StreamsBuilder builder = new StreamsBuilder();
 * builder.<String, String>stream("payment").filter((k, v) -> k.equals("unknown")).to("unknown-payment");
 * Topology topology = builder.build();
 * }</pre>
 */
public class StreamsBuilder {
    private final Topology topology = new Topology();
    private final InternalStreamsBuilder internal = new InternalStreamsBuilder(TopologyAccess.builderOf(topology));

    /** A stream over one topic with the default serdes. */
    public synchronized <K, V> KStream<K, V> stream(String topic) {
        return stream(List.of(topic));
    }

    public synchronized <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
        return stream(List.of(topic), consumed);
    }

    /** A stream over several topics (they must be co-partitioned: same number of partitions). */
    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics) {
        return stream(topics, Consumed.with(null, null));
    }

    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        Objects.requireNonNull(topics, "topics");
        return internal.stream(topics, Objects.requireNonNull(consumed, "consumed"));
    }

    /** A table over a topic (the latest value per key), materialized in a RocksDB store, with the default serdes. */
    public synchronized <K, V> KTable<K, V> table(String topic) {
        return table(topic, Consumed.with(null, null), Materialized.with(null, null));
    }

    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
        return table(topic, consumed, Materialized.with(null, null));
    }

    public synchronized <K, V> KTable<K, V> table(String topic,
                                                  Materialized<K, V, ? extends dev.rill.streams.processor.StateStore> materialized) {
        return table(topic, Consumed.with(null, null), materialized);
    }

    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
                                                  Materialized<K, V, ? extends dev.rill.streams.processor.StateStore> materialized) {
        Objects.requireNonNull(topic, "topic");
        return internal.table(topic, Objects.requireNonNull(consumed, "consumed"),
                Objects.requireNonNull(materialized, "materialized"));
    }

    /**
     * A table replicated on every instance from all partitions of its topic, loaded before processing starts; join
     * it from a stream with {@code KStream.join(globalTable, keySelector, joiner)}.
     */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic) {
        return globalTable(topic, Consumed.with(null, null), Materialized.with(null, null));
    }

    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
        return globalTable(topic, consumed, Materialized.with(null, null));
    }

    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic,
                                                              Materialized<K, V, ? extends dev.rill.streams.processor.StateStore> materialized) {
        return globalTable(topic, Consumed.with(null, null), materialized);
    }

    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
                                                              Materialized<K, V, ? extends dev.rill.streams.processor.StateStore> materialized) {
        Objects.requireNonNull(topic, "topic");
        return internal.globalTable(topic, Objects.requireNonNull(consumed, "consumed"),
                Objects.requireNonNull(materialized, "materialized"));
    }

    /** Returns the topology built so far (the same object on every call). */
    public synchronized Topology build() {
        return topology;
    }
}
