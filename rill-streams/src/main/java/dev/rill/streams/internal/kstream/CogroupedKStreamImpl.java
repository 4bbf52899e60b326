package dev.rill.streams.internal.kstream;

import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.CogroupedKStream;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.kstream.SessionWindowedCogroupedKStream;
import dev.rill.streams.kstream.SessionWindows;
import dev.rill.streams.kstream.SlidingWindows;
import dev.rill.streams.kstream.TimeWindowedCogroupedKStream;
import dev.rill.streams.kstream.Window;
import dev.rill.streams.kstream.Windows;
import dev.rill.streams.state.StoreBuilder;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** Cogroup: one aggregation processor per grouped stream, all writing one store, merged into one table. */
final class CogroupedKStreamImpl<K, VOut> implements CogroupedKStream<K, VOut> {
    private final InternalStreamsBuilder builder;
    private final Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, ?, VOut>> groups = new LinkedHashMap<>();

    CogroupedKStreamImpl(InternalStreamsBuilder builder) {
        this.builder = builder;
    }

    <VIn> CogroupedKStreamImpl<K, VOut> add(KGroupedStream<K, VIn> grouped, Aggregator<? super K, ? super VIn, VOut> agg) {
        if (!(grouped instanceof KGroupedStreamImpl<K, VIn> g) || g.builder() != builder) {
            throw new TopologyException("cogroup() needs grouped streams from the same StreamsBuilder.");
        }
        if (groups.containsKey(g)) {
            throw new TopologyException("this grouped stream is already part of the cogroup; add each stream once.");
        }
        groups.put(g, agg);
        return this;
    }

    @Override
    public <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream,
                                                   Aggregator<? super K, ? super VIn, VOut> aggregator) {
        Objects.requireNonNull(groupedStream, "groupedStream");
        Objects.requireNonNull(aggregator, "aggregator");
        return add(groupedStream, aggregator);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer) {
        return aggregate(initializer, null, Materialized.with(null, null));
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named) {
        return aggregate(initializer, named, Materialized.with(null, null));
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer,
                                     Materialized<K, VOut, ? extends StateStore> materialized) {
        return aggregate(initializer, null, materialized);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
                                     Materialized<K, VOut, ? extends StateStore> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        MaterializedInternal<K, VOut, StateStore> m = newMaterialized(materialized);
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : groups.keySet().iterator().next().groupKeySerde();
        String merge = addAggregation(named, m, m.storeBuilder(ks, m.valueSerde()),
                agg -> () -> new StreamAggregateProcessor<K, Object, VOut>(m.storeName(),
                        (k, v, old) -> agg.apply(k, v, old == null ? initializer.apply() : old)));
        return new KTableImpl<>(builder, merge, m.storeName(), ks, m.valueSerde());
    }

    MaterializedInternal<K, VOut, StateStore> newMaterialized(Materialized<K, VOut, ? extends StateStore> materialized) {
        return new MaterializedInternal<>(Objects.requireNonNull(materialized, "materialized"), builder,
                "COGROUPKSTREAM-AGGREGATE-STATE-STORE-");
    }

    /**
     * Adds one aggregation processor per grouped stream (the first adds the store) and the merge node after them;
     * returns the merge node's name.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    <KOut, VA> String addAggregation(Named named, MaterializedInternal<K, VOut, StateStore> m, StoreBuilder<?> store,
                                     Function<Aggregator<Object, Object, VOut>,
                                             ProcessorSupplier<K, Object, KOut, Change<VA>>> processorFor) {
        List<String> parents = new ArrayList<>();
        boolean first = true;
        String given = NamedInternal.nameOf(named);
        // as in Kafka Streams: every repartition first, then the aggregation nodes
        List<KStreamImpl<K, ?>> inputs = new ArrayList<>();
        for (KGroupedStreamImpl<K, ?> g : groups.keySet()) {
            inputs.add(g.input(m.storeName()));
        }
        for (Map.Entry<KGroupedStreamImpl<K, ?>, Aggregator<? super K, ?, VOut>> e : groups.entrySet()) {
            KStreamImpl<K, ?> input = inputs.get(parents.size());
            // a Named names the nodes <name>-cogroup-agg-<i> and <name>-cogroup-merge; indexes are used either way
            String generated = builder.newName("COGROUPKSTREAM-AGGREGATE-");
            String name = given != null ? given + "-cogroup-agg-" + parents.size() : generated;
            builder.addStatefulProcessor(name, processorFor.apply((Aggregator) e.getValue()), first ? store : null,
                    List.of(m.storeName()), input.nodeName());
            first = false;
            parents.add(name);
        }
        String merge = builder.nameOr(given != null ? given + "-cogroup-merge" : null, "COGROUPKSTREAM-MERGE-");
        builder.addProcessor(merge, (ProcessorSupplier<KOut, Change<VA>, KOut, Change<VA>>) PassThroughProcessor::new,
                parents.toArray(new String[0]));
        return merge;
    }

    InternalStreamsBuilder builder() {
        return builder;
    }

    @Override
    public <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows) {
        return new TimeWindowedCogroupedKStreamImpl<>(this, WindowSpec.of(windows));
    }

    @Override
    public TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows) {
        return new TimeWindowedCogroupedKStreamImpl<>(this, WindowSpec.of(windows));
    }

    @Override
    public SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows) {
        return new SessionWindowedCogroupedKStreamImpl<>(this, WindowSpec.of(windows));
    }
}
