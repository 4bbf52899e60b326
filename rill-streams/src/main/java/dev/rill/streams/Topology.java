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

    /** Adds a source reading the given topics with the default serdes and timestamp extractor. */
    public synchronized Topology addSource(String name, String... topics) {
        return addSource(null, name, null, null, topics);
    }

    /** Adds a source with explicit deserializers. */
    public synchronized Topology addSource(String name, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, String... topics) {
        return addSource(null, name, keyDeserializer, valueDeserializer, topics);
    }

    /** Adds a source with an explicit timestamp extractor and deserializers (any may be null for the defaults). */
    public synchronized Topology addSource(TimestampExtractor timestampExtractor, String name,
                                           Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                                           String... topics) {
        List<TopicRef> refs = Arrays.stream(Objects.requireNonNull(topics, "topics")).map(TopicRef::user).toList();
        builder.addSource(new SourceSpec(name, refs, keyDeserializer, valueDeserializer, timestampExtractor));
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

    /** Adds a sink that chooses the topic per record. */
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
