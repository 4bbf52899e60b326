package dev.rill.streams.internal.kstream;

import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.ProcessorSpec;
import dev.rill.streams.internal.topology.SourceSpec;
import dev.rill.streams.internal.topology.TopicRef;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.GlobalKTable;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.processor.api.ProcessorSupplier;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/** The DSL's side of a topology: generates node names and adds DSL operators as Processor API nodes. */
public final class InternalStreamsBuilder {
    private final InternalTopologyBuilder topology;
    private int index;

    public InternalStreamsBuilder(InternalTopologyBuilder topology) {
        this.topology = topology;
    }

    InternalTopologyBuilder topology() {
        return topology;
    }

    /** A Kafka Streams-style generated name: {@code KSTREAM-FILTER-0000000001}. */
    String newName(String prefix) {
        return String.format("%s%010d", prefix, index++);
    }

    /** The given name, else a generated one; either way one index is used, as in Kafka Streams. */
    String nameOr(String given, String prefix) {
        String generated = newName(prefix);
        return given != null ? given : generated;
    }

    public <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        ConsumedInternal<K, V> c = new ConsumedInternal<>(consumed);
        String name = nameOr(c.name(), "KSTREAM-SOURCE-");
        List<TopicRef> refs = topics.stream().map(TopicRef::user).toList();
        Serde<K> ks = c.keySerde();
        Serde<V> vs = c.valueSerde();
        topology.addSource(new SourceSpec(name, refs, ks == null ? null : ks.deserializer(),
                vs == null ? null : vs.deserializer(), c.timestampExtractor(), c.resetPolicy()));
        return new KStreamImpl<>(this, name, ks, vs, false);
    }

    /** A stream over every topic whose name matches {@code pattern}, including topics created later. */
    public <K, V> KStream<K, V> stream(java.util.regex.Pattern pattern, Consumed<K, V> consumed) {
        ConsumedInternal<K, V> c = new ConsumedInternal<>(consumed);
        String name = nameOr(c.name(), "KSTREAM-SOURCE-");
        Serde<K> ks = c.keySerde();
        Serde<V> vs = c.valueSerde();
        topology.addSource(SourceSpec.ofPattern(name, pattern, ks == null ? null : ks.deserializer(),
                vs == null ? null : vs.deserializer(), c.timestampExtractor(), c.resetPolicy()));
        return new KStreamImpl<>(this, name, ks, vs, false);
    }

    <KIn, VIn, KOut, VOut> void addProcessor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                             String... parents) {
        topology.addProcessor(new ProcessorSpec(name, List.of(parents), supplier, null, List.of()));
    }

    /** Adds a processor using the given stores; a non-null builder adds its store first. */
    <KIn, VIn, KOut, VOut> void addStatefulProcessor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                                     StoreBuilder<?> newStore, List<String> stores, String... parents) {
        if (newStore != null) {
            topology.addStateStore(newStore);
        }
        topology.addProcessor(new ProcessorSpec(name, List.of(parents), supplier, null, stores));
    }

    public <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
                                                 Materialized<K, V, ? extends StateStore> materialized) {
        ConsumedInternal<K, V> c = new ConsumedInternal<>(consumed);
        MaterializedInternal<K, V, StateStore> m = new MaterializedInternal<>(materialized, this,
                topic + "-STATE-STORE-");
        newName("KSTREAM-SOURCE-");
        newName("KTABLE-SOURCE-");
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : c.keySerde();
        Serde<V> vs = m.valueSerde() != null ? m.valueSerde() : c.valueSerde();
        StoreBuilder<?> store = m.storeBuilder(ks, vs).withCachingDisabled().withLoggingDisabled();
        topology.addGlobalStore(m.storeName(), new dev.rill.streams.internal.topology.GlobalStoreSpec(topic,
                ks == null ? null : ks.deserializer(), vs == null ? null : vs.deserializer(), store));
        String name = m.storeName();
        return () -> name;
    }

    /** A global store with its own processor; node names generated as Kafka Streams generates them. */
    public <K, V> void addGlobalStore(dev.rill.streams.Topology target, StoreBuilder<?> store, String topic,
                                      Consumed<K, V> consumed,
                                      dev.rill.streams.processor.api.ProcessorSupplier<K, V, Void, Void> supplier) {
        ConsumedInternal<K, V> c = new ConsumedInternal<>(consumed);
        String sourceName = newName("KSTREAM-SOURCE-");
        String processorName = newName("KTABLE-SOURCE-");
        Serde<K> ks = c.keySerde();
        Serde<V> vs = c.valueSerde();
        target.addGlobalStore(store, sourceName, c.timestampExtractor(), ks == null ? null : ks.deserializer(),
                vs == null ? null : vs.deserializer(), topic, processorName, supplier);
    }

    public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
                                     Materialized<K, V, ? extends StateStore> materialized) {
        ConsumedInternal<K, V> c = new ConsumedInternal<>(consumed);
        // the same order of generated names as Kafka Streams: store, source, table source
        MaterializedInternal<K, V, StateStore> m = new MaterializedInternal<>(materialized, this,
                topic + "-STATE-STORE-");
        String sourceName = nameOr(c.name(), "KSTREAM-SOURCE-");
        String tableName = newName("KTABLE-SOURCE-");
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : c.keySerde();
        Serde<V> vs = m.valueSerde() != null ? m.valueSerde() : c.valueSerde();
        topology.addSource(new SourceSpec(sourceName, List.of(TopicRef.user(topic)),
                ks == null ? null : ks.deserializer(), vs == null ? null : vs.deserializer(), c.timestampExtractor(),
                c.resetPolicy()));
        addStatefulProcessor(tableName, () -> new TableMaterializeProcessor<K, V>(m.storeName(), false),
                m.storeBuilder(ks, vs), List.of(m.storeName()), sourceName);
        return new KTableImpl<>(this, tableName, m.storeName(), ks, vs);
    }
}
