package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KGroupedTable;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Reducer;
import dev.rill.streams.processor.StateStore;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A re-grouped table: aggregations repartition the changes by the new key, then add and subtract. */
final class KGroupedTableImpl<K, V> implements KGroupedTable<K, V> {
    private final InternalStreamsBuilder builder;
    private final String nodeName;
    private final GroupedInternal<K, V> grouped;

    KGroupedTableImpl(InternalStreamsBuilder builder, String nodeName, GroupedInternal<K, V> grouped) {
        this.builder = builder;
        this.nodeName = nodeName;
        this.grouped = grouped;
    }

    @Override
    public KTable<K, Long> count() {
        return count(Materialized.with(grouped.keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, ? extends StateStore> materialized) {
        Materialized<K, Long, ? extends StateStore> m = materialized;
        return doAggregate(() -> 0L, (k, v, agg) -> agg + 1, (k, v, agg) -> agg - 1, null, m, Serdes.Long());
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor) {
        return reduce(adder, subtractor, Materialized.with(null, null));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor,
                               Materialized<K, V, ? extends StateStore> materialized) {
        Objects.requireNonNull(adder, "adder");
        Objects.requireNonNull(subtractor, "subtractor");
        return doAggregate(() -> null, (k, v, agg) -> agg == null ? v : adder.apply(agg, v),
                (k, v, agg) -> subtractor.apply(agg, v), null, materialized, grouped.valueSerde());
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor) {
        return aggregate(initializer, adder, subtractor, Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor,
                                        Materialized<K, VR, ? extends StateStore> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(adder, "adder");
        Objects.requireNonNull(subtractor, "subtractor");
        return doAggregate(initializer, adder, subtractor, null, materialized, null);
    }

    @Override
    public KTable<K, Long> count(Named named) {
        return count(named, Materialized.with(grouped.keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, ? extends StateStore> materialized) {
        return doAggregate(() -> 0L, (k, v, agg) -> agg + 1, (k, v, agg) -> agg - 1,
                Objects.requireNonNull(named, "named"), materialized, Serdes.Long());
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                               Materialized<K, V, ? extends StateStore> materialized) {
        Objects.requireNonNull(adder, "adder");
        Objects.requireNonNull(subtractor, "subtractor");
        return doAggregate(() -> null, (k, v, agg) -> agg == null ? v : adder.apply(agg, v),
                (k, v, agg) -> subtractor.apply(agg, v), Objects.requireNonNull(named, "named"), materialized,
                grouped.valueSerde());
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor, Named named) {
        return aggregate(initializer, adder, subtractor, named, Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                        Materialized<K, VR, ? extends StateStore> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(adder, "adder");
        Objects.requireNonNull(subtractor, "subtractor");
        return doAggregate(initializer, adder, subtractor, Objects.requireNonNull(named, "named"), materialized, null);
    }

    private <VR> KTable<K, VR> doAggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                           Aggregator<? super K, ? super V, VR> subtractor,
                                           Named named, Materialized<K, VR, ? extends StateStore> materialized,
                                           Serde<VR> fallback) {
        MaterializedInternal<K, VR, StateStore> m = new MaterializedInternal<>(
                Objects.requireNonNull(materialized, "materialized"), builder, "KTABLE-AGGREGATE-STATE-STORE-");
        String topic = (grouped.name() != null ? grouped.name() : m.storeName()) + "-repartition";
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : grouped.keySerde();
        KStreamImpl<K, Change<V>> repartitioned = KTableImpl.repartitionChanges(builder, nodeName,
                topic.substring(0, topic.length() - "-repartition".length()), ks, grouped.valueSerde());
        String name = builder.nameOr(NamedInternal.nameOf(named), "KTABLE-AGGREGATE-");
        builder.addStatefulProcessor(name, () -> new TableAggregateProcessor<K, V, VR>(m.storeName(), initializer,
                adder, subtractor), m.storeBuilder(ks, fallback), List.of(m.storeName()), repartitioned.nodeName());
        return new KTableImpl<>(builder, name, m.storeName(), ks, m.valueSerde() != null ? m.valueSerde() : fallback);
    }
}
