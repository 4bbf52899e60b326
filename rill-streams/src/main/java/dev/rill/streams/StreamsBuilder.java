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
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamsBuilder.class);
    private final Topology topology;
    private final InternalStreamsBuilder internal;

    /** A builder whose topology runs with the instance's configuration. */
    public StreamsBuilder() {
        this(new Topology());
    }

    /**
     * A builder whose topology has settings of its own ({@link TopologyConfig}), which take precedence over the
     * instance's configuration for the topology-level keys when it runs.
     */
    public StreamsBuilder(TopologyConfig topologyConfigs) {
        this(new Topology(Objects.requireNonNull(topologyConfigs, "topologyConfigs")));
    }

    private StreamsBuilder(Topology topology) {
        this.topology = topology;
        this.internal = new InternalStreamsBuilder(TopologyAccess.builderOf(topology));
    }

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

    /**
     * A stream over every topic whose whole name matches {@code topicPattern}, with the default serdes. Topics
     * created while the application runs are read once the main consumer's metadata shows them (every
     * {@code metadata.max.age.ms}, default 5 minutes; set {@code main.consumer.metadata.max.age.ms} lower to pick
     * them up sooner). As in Kafka Streams, partition p of every matched topic is processed by the same task.
     *
     * <pre>{@code
     * builder.<String, String>stream(Pattern.compile("orders-.*")).to("all-orders");
     * }</pre>
     */
    public synchronized <K, V> KStream<K, V> stream(Pattern topicPattern) {
        return stream(topicPattern, Consumed.with(null, null));
    }

    /** A stream over every topic matching {@code topicPattern}, with serdes, extractor and reset policy from consumed. */
    public synchronized <K, V> KStream<K, V> stream(Pattern topicPattern, Consumed<K, V> consumed) {
        Objects.requireNonNull(topicPattern, "topicPattern");
        return internal.stream(topicPattern, Objects.requireNonNull(consumed, "consumed"));
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

    /**
     * Adds a state store that DSL operators can use by name ({@code process(supplier, storeName)},
     * {@code processValues(supplier, storeName)}); like Kafka Streams, the store is connected to the processors that
     * name it.
     */
    public synchronized StreamsBuilder addStateStore(dev.rill.streams.state.StoreBuilder<?> builder) {
        topology.addStateStore(Objects.requireNonNull(builder, "builder"));
        return this;
    }

    /**
     * Adds a global store filled by a processor from every partition of {@code topic} (see
     * {@link Topology#addGlobalStore}); the serdes and timestamp extractor come from {@code consumed}.
     */
    public synchronized <KIn, VIn> StreamsBuilder addGlobalStore(dev.rill.streams.state.StoreBuilder<?> storeBuilder,
                                                                 String topic, Consumed<KIn, VIn> consumed,
                                                                 dev.rill.streams.processor.api.ProcessorSupplier<KIn, VIn, Void, Void> stateUpdateSupplier) {
        Objects.requireNonNull(consumed, "consumed");
        internal.addGlobalStore(topology, storeBuilder, topic, consumed, stateUpdateSupplier);
        return this;
    }

    /**
     * Returns the topology built so far, after checking {@code topology.optimization} in {@code props}. Rill
     * applies none of Kafka Streams' optimizations ({@code reuse.ktable.source.topics},
     * {@code merge.repartition.topics}, {@code single.store.self.join}): the topology's output is the same, but
     * its internal topics are those of the unoptimized topology. Requested ones are logged as ignored.
     *
     * @throws org.apache.kafka.common.config.ConfigException if {@code topology.optimization} names an unknown
     *                                                        optimization
     */
    public synchronized Topology build(Properties props) {
        Object value = props == null ? null : props.get(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG);
        Set<String> requested = StreamsConfig.verifyTopologyOptimizationConfigs(value == null ? null : value.toString());
        if (!requested.isEmpty()) {
            LOG.warn("{}={}: Rill does not apply topology optimizations; ignoring {}. The topology's output is the "
                    + "same; its internal topics are those of the unoptimized topology.",
                    StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, value, requested);
        }
        return build();
    }

    /** Returns the topology built so far (the same object on every call). */
    public synchronized Topology build() {
        return topology;
    }
}
