package dev.rill.streams;

import dev.rill.streams.internal.topology.DescriptionBuilder;
import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.ProcessorSpec;
import dev.rill.streams.internal.topology.SinkSpec;
import dev.rill.streams.internal.topology.SourceSpec;
import dev.rill.streams.internal.topology.TopicRef;
import dev.rill.streams.internal.topology.TopologyAccess;
import dev.rill.streams.processor.StreamPartitioner;
import dev.rill.streams.processor.TimestampExtractor;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.FixedKeyProcessorSupplier;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.state.StoreBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A graph of sources, processors and sinks, built with the Processor API or by {@link StreamsBuilder#build()}.
 *
 * <pre>{@code
 * Topology t = new Topology()
 *     .addSource("in", "payment")
 *     .addProcessor("upper", UpperProcessor::new, "in")
 *     .addSink("out", "payment-upper", "upper");
 * }</pre>
 * Serializers and deserializers left null fall back to {@code default.key.serde} / {@code default.value.serde}.
 */
public class Topology {
    static {
        TopologyAccess.install(t -> t.builder);
    }

    private final InternalTopologyBuilder builder = new InternalTopologyBuilder();

    /** An empty topology that runs with the instance's configuration. */
    public Topology() {
    }

    /**
     * An empty topology with settings of its own ({@link TopologyConfig}), which take precedence over the instance's
     * configuration for the topology-level keys when it runs.
     */
    public Topology(TopologyConfig topologyConfigs) {
        builder.setTopologyLevelSettings(Objects.requireNonNull(topologyConfigs, "topologyConfigs")
                .topologyLevelSettings());
    }

    /** Adds a source reading the given topics with the default serdes and timestamp extractor. */
    public synchronized Topology addSource(String name, String... topics) {
        return addSource(null, name, null, null, null, topics);
    }

    /**
     * Adds a source that starts where {@code offsetReset} says on partitions without a committed offset (null:
     * the main consumer's {@code auto.offset.reset}).
     */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, String... topics) {
        return addSource(offsetReset, name, null, null, null, topics);
    }

    /** Adds a source with its own timestamp extractor (null: {@code default.timestamp.extractor}). */
    public synchronized Topology addSource(TimestampExtractor timestampExtractor, String name, String... topics) {
        return addSource(null, name, timestampExtractor, null, null, topics);
    }

    /** Adds a source with its own reset policy and timestamp extractor (each may be null for the default). */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, TimestampExtractor timestampExtractor,
                                           String name, String... topics) {
        return addSource(offsetReset, name, timestampExtractor, null, null, topics);
    }

    /** Adds a source with explicit deserializers. */
    public synchronized Topology addSource(String name, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, String... topics) {
        return addSource(null, name, null, keyDeserializer, valueDeserializer, topics);
    }

    /** Adds a source with its own reset policy and deserializers. */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, String... topics) {
        return addSource(offsetReset, name, null, keyDeserializer, valueDeserializer, topics);
    }

    /** Adds a source with an explicit timestamp extractor and deserializers (any may be null for the defaults). */
    public synchronized Topology addSource(TimestampExtractor timestampExtractor, String name,
                                           Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                                           String... topics) {
        return addSource(null, name, timestampExtractor, keyDeserializer, valueDeserializer, topics);
    }

    /** Adds a source with every setting explicit (any of the first, third, fourth and fifth may be null). */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name,
                                           TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, String... topics) {
        List<TopicRef> refs = Arrays.stream(Objects.requireNonNull(topics, "topics")).map(TopicRef::user).toList();
        builder.addSource(new SourceSpec(name, refs, keyDeserializer, valueDeserializer, timestampExtractor,
                offsetReset));
        return this;
    }

    /**
     * Adds a source reading every topic whose whole name matches {@code topicPattern}, with the default serdes and
     * timestamp extractor; topics created while the application runs are read too (see
     * {@link StreamsBuilder#stream(Pattern)}).
     */
    public synchronized Topology addSource(String name, Pattern topicPattern) {
        return addSource(null, name, null, null, null, topicPattern);
    }

    /** Adds a pattern source with its own reset policy (null: the consumer's {@code auto.offset.reset}). */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, Pattern topicPattern) {
        return addSource(offsetReset, name, null, null, null, topicPattern);
    }

    /** Adds a pattern source with its own timestamp extractor (null: {@code default.timestamp.extractor}). */
    public synchronized Topology addSource(TimestampExtractor timestampExtractor, String name, Pattern topicPattern) {
        return addSource(null, name, timestampExtractor, null, null, topicPattern);
    }

    /** Adds a pattern source with its own reset policy and timestamp extractor (each may be null). */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, TimestampExtractor timestampExtractor,
                                           String name, Pattern topicPattern) {
        return addSource(offsetReset, name, timestampExtractor, null, null, topicPattern);
    }

    /** Adds a pattern source with explicit deserializers. */
    public synchronized Topology addSource(String name, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, Pattern topicPattern) {
        return addSource(null, name, null, keyDeserializer, valueDeserializer, topicPattern);
    }

    /** Adds a pattern source with its own reset policy and deserializers. */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, Pattern topicPattern) {
        return addSource(offsetReset, name, null, keyDeserializer, valueDeserializer, topicPattern);
    }

    /**
     * Adds a pattern source with every setting explicit (any of the first, third, fourth and fifth may be null).
     * A topic matching the pattern and also named by another source stays with the source that names it.
     */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name,
                                           TimestampExtractor timestampExtractor, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, Pattern topicPattern) {
        builder.addSource(SourceSpec.ofPattern(name, topicPattern, keyDeserializer, valueDeserializer,
                timestampExtractor, offsetReset));
        return this;
    }

    /** Adds a processor whose instances (one per task) come from the supplier. */
    public synchronized <KIn, VIn, KOut, VOut> Topology addProcessor(
            String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parentNames) {
        Objects.requireNonNull(supplier, "supplier");
        builder.addProcessor(new ProcessorSpec(name, Arrays.asList(parentNames), supplier, null, List.of()));
        return this;
    }

    /** Adds a key-preserving processor. */
    public synchronized <KIn, VIn, VOut> Topology addFixedKeyProcessor(
            String name, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier, String... parentNames) {
        Objects.requireNonNull(supplier, "supplier");
        builder.addProcessor(new ProcessorSpec(name, Arrays.asList(parentNames), null, supplier, List.of()));
        return this;
    }

    /** Adds a sink writing to a fixed topic with the default serdes and the producer's partitioner. */
    public synchronized Topology addSink(String name, String topic, String... parentNames) {
        return addSink(name, topic, null, null, null, parentNames);
    }

    /** Adds a sink writing to a fixed topic with the default serdes and the given partitioner. */
    public synchronized <K, V> Topology addSink(String name, String topic,
                                                StreamPartitioner<? super K, ? super V> partitioner,
                                                String... parentNames) {
        return addSink(name, topic, null, null, partitioner, parentNames);
    }

    /** Adds a sink with explicit serializers. */
    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
                                                Serializer<V> valueSerializer, String... parentNames) {
        return addSink(name, topic, keySerializer, valueSerializer, null, parentNames);
    }

    /** Adds a sink with explicit serializers and partitioner (each may be null for the default). */
    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
                                                Serializer<V> valueSerializer, StreamPartitioner<? super K, ? super V> partitioner,
                                                String... parentNames) {
        Objects.requireNonNull(topic, "topic");
        builder.addSink(new SinkSpec(name, Arrays.asList(parentNames), TopicRef.user(topic), null,
                keySerializer, valueSerializer, partitioner));
        return this;
    }

    /** Adds a sink that chooses the topic per record, with the default serdes and the producer's partitioner. */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
                                                String... parentNames) {
        return addSink(name, topicExtractor, null, null, null, parentNames);
    }

    /** Adds a sink that chooses the topic per record, with the default serdes and the given partitioner. */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
                                                StreamPartitioner<? super K, ? super V> partitioner,
                                                String... parentNames) {
        return addSink(name, topicExtractor, null, null, partitioner, parentNames);
    }

    /** Adds a sink that chooses the topic per record, with explicit serializers. */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
                                                Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                String... parentNames) {
        return addSink(name, topicExtractor, keySerializer, valueSerializer, null, parentNames);
    }

    /** Adds a sink that chooses the topic per record, with explicit serializers and partitioner. */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<? super K, ? super V> topicExtractor,
                                                Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                StreamPartitioner<? super K, ? super V> partitioner, String... parentNames) {
        Objects.requireNonNull(topicExtractor, "topicExtractor");
        builder.addSink(new SinkSpec(name, Arrays.asList(parentNames), null, topicExtractor,
                keySerializer, valueSerializer, partitioner));
        return this;
    }

    /**
     * Adds a state store, connected to the given processors (one store instance per task). Logged stores write a
     * changelog topic {@code <application.id>-<store name>-changelog}.
     */
    public synchronized Topology addStateStore(StoreBuilder<?> storeBuilder, String... processorNames) {
        Objects.requireNonNull(storeBuilder, "storeBuilder");
        builder.addStateStore(storeBuilder, processorNames);
        return this;
    }

    /**
     * Adds a global store: every instance reads every partition of {@code topic} and hands each record to a processor
     * from {@code stateUpdateSupplier}, which updates the store (and may read other global stores). Every processor
     * of the topology can read the store. The store has no changelog: at start it is rebuilt by reprocessing the
     * topic, so the builder must have logging disabled.
     *
     * <pre>{@code
     * topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("rates"), s, s)
     *         .withLoggingDisabled(), "rates-source", s.deserializer(), s.deserializer(), "rates",
     *         "rates-updater", RatesUpdater::new);
     * }</pre>
     *
     * @throws TopologyException if the store has logging enabled, a name is taken, or the topic is read already
     */
    public synchronized <KIn, VIn> Topology addGlobalStore(StoreBuilder<?> storeBuilder, String sourceName,
                                                           Deserializer<KIn> keyDeserializer,
                                                           Deserializer<VIn> valueDeserializer, String topic,
                                                           String processorName,
                                                           ProcessorSupplier<KIn, VIn, Void, Void> stateUpdateSupplier) {
        return addGlobalStore(storeBuilder, sourceName, null, keyDeserializer, valueDeserializer, topic,
                processorName, stateUpdateSupplier);
    }

    /**
     * Adds a global store, with a timestamp extractor. As in Kafka Streams 4.3.1, the global store's processor sees
     * each record's own timestamp: the extractor is accepted for source compatibility and not applied.
     */
    public synchronized <KIn, VIn> Topology addGlobalStore(StoreBuilder<?> storeBuilder, String sourceName,
                                                           TimestampExtractor timestampExtractor,
                                                           Deserializer<KIn> keyDeserializer,
                                                           Deserializer<VIn> valueDeserializer, String topic,
                                                           String processorName,
                                                           ProcessorSupplier<KIn, VIn, Void, Void> stateUpdateSupplier) {
        Objects.requireNonNull(storeBuilder, "storeBuilder");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(stateUpdateSupplier, "stateUpdateSupplier");
        if (storeBuilder.loggingEnabled()) {
            throw new dev.rill.streams.errors.TopologyException("global store " + storeBuilder.name() + " has logging "
                    + "enabled; a global store is rebuilt from its topic and has no changelog: call "
                    + "withLoggingDisabled() on its builder.");
        }
        for (String n : new String[]{sourceName, processorName}) {
            if (n == null || n.isBlank() || builder.hasNode(n)) {
                throw new dev.rill.streams.errors.TopologyException("the global store's source and processor need "
                        + "distinct names not used by other nodes, but got '" + n + "'.");
            }
        }
        if (sourceName.equals(processorName)) {
            throw new dev.rill.streams.errors.TopologyException("the global store's source and processor are both "
                    + "named '" + sourceName + "'; give them distinct names.");
        }
        builder.addGlobalStore(storeBuilder.name(), new dev.rill.streams.internal.topology.GlobalStoreSpec(topic,
                keyDeserializer, valueDeserializer, storeBuilder, stateUpdateSupplier, timestampExtractor));
        return this;
    }

    /**
     * Adds a state store kept up to date from a topic: a source {@code sourceName} reading {@code topic} from the
     * earliest offset, and a processor {@code processorName} from {@code stateUpdateSupplier} that writes the
     * records into the store. Other processors read the store after
     * {@link #connectProcessorAndStateStores(String, String...)}; unlike a global store it is partitioned like the
     * topic, one part per task.
     *
     * <p>Differs from Kafka Streams: Kafka Streams disables the store's changelog and restores the store from
     * {@code topic} itself; Rill gives the store a changelog topic (enabling logging on the builder when it is
     * disabled), so a restored store holds exactly what the update processor wrote. Output is the same; there is
     * one more internal topic.
     *
     * @throws dev.rill.streams.errors.TopologyException if a name is taken or the topic is read by another source
     */
    public synchronized <K, V, S extends dev.rill.streams.processor.StateStore> Topology addReadOnlyStateStore(
            StoreBuilder<S> storeBuilder, String sourceName, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer, String topic, String processorName,
            ProcessorSupplier<K, V, Void, Void> stateUpdateSupplier) {
        return addReadOnlyStateStore(storeBuilder, sourceName, null, keyDeserializer, valueDeserializer, topic,
                processorName, stateUpdateSupplier);
    }

    /** {@link #addReadOnlyStateStore(StoreBuilder, String, Deserializer, Deserializer, String, String,
     * ProcessorSupplier)} with the source's timestamp extractor (null: the default one). */
    public synchronized <K, V, S extends dev.rill.streams.processor.StateStore> Topology addReadOnlyStateStore(
            StoreBuilder<S> storeBuilder, String sourceName, TimestampExtractor timestampExtractor,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer, String topic, String processorName,
            ProcessorSupplier<K, V, Void, Void> stateUpdateSupplier) {
        Objects.requireNonNull(storeBuilder, "storeBuilder");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(stateUpdateSupplier, "stateUpdateSupplier");
        if (!storeBuilder.loggingEnabled()) {
            storeBuilder.withLoggingEnabled(java.util.Map.of());
        }
        addSource(AutoOffsetReset.earliest(), sourceName, timestampExtractor, keyDeserializer, valueDeserializer,
                topic);
        addProcessor(processorName, stateUpdateSupplier, sourceName);
        return addStateStore(storeBuilder, processorName);
    }

    /** Gives processors access to existing stores. */
    public synchronized Topology connectProcessorAndStateStores(String processorName, String... stateStoreNames) {
        for (String store : stateStoreNames) {
            builder.connectProcessorAndStore(processorName, store);
        }
        return this;
    }

    /** Describes the sub-topologies and nodes; {@code toString()} prints the same layout as Kafka Streams. */
    public synchronized TopologyDescription describe() {
        return DescriptionBuilder.describe(builder);
    }
}
