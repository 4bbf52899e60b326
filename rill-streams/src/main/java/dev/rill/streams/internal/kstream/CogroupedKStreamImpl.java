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
    @SuppressWarnings({"unchecked", "rawtypes"})
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
                                     Materialized<K, VOut, ? extends StateStore> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        MaterializedInternal<K, VOut, StateStore> m = new MaterializedInternal<>(
                Objects.requireNonNull(materialized, "materialized"), builder, "COGROUPKSTREAM-AGGREGATE-STATE-STORE-");
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : groups.keySet().iterator().next().groupKeySerde();
        List<String> parents = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<KGroupedStreamImpl<K, ?>, Aggregator<? super K, ?, VOut>> e : groups.entrySet()) {
            KStreamImpl<K, ?> input = e.getKey().input(m.storeName());
            Aggregator<Object, Object, VOut> agg = (Aggregator) e.getValue();
            String name = builder.newName("COGROUPKSTREAM-AGGREGATE-");
            StreamAggregateProcessor.Fold<K, Object, VOut> fold =
                    (k, v, old) -> agg.apply(k, v, old == null ? initializer.apply() : old);
            builder.addStatefulProcessor(name, () -> new StreamAggregateProcessor<>(m.storeName(), fold),
                    first ? m.storeBuilder(ks, m.valueSerde()) : null, List.of(m.storeName()), input.nodeName());
            first = false;
            parents.add(name);
        }
        String merge = builder.nameOr(NamedInternal.nameOf(named), "COGROUPKSTREAM-MERGE-");
        builder.addProcessor(merge, (ProcessorSupplier<K, Change<VOut>, K, Change<VOut>>) PassThroughProcessor::new,
                parents.toArray(new String[0]));
        return new KTableImpl<>(builder, merge, m.storeName(), ks, m.valueSerde());
    }
}
