package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Reducer;
import dev.rill.streams.processor.StateStore;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A grouped stream. Aggregations repartition first when the key may have changed, through
 * {@code <application.id>-<grouped name or store name>-repartition}.
 */
final class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
    private final InternalStreamsBuilder builder;
    private final KStreamImpl<K, V> stream;
    private final GroupedInternal<K, V> grouped;

    KGroupedStreamImpl(InternalStreamsBuilder builder, KStreamImpl<K, V> stream, GroupedInternal<K, V> grouped) {
        this.builder = builder;
        this.stream = stream;
        this.grouped = grouped;
    }

    @Override
    public <VOut> dev.rill.streams.kstream.CogroupedKStream<K, VOut> cogroup(
            Aggregator<? super K, ? super V, VOut> aggregator) {
        Objects.requireNonNull(aggregator, "aggregator");
        return new CogroupedKStreamImpl<K, VOut>(builder).add(this, aggregator);
    }

    InternalStreamsBuilder builder() {
        return builder;
    }

    /** The stream to aggregate: repartitioned first (named after the grouping or the store) if the key may have changed. */
    KStreamImpl<K, V> input(String storeName) {
        if (!stream.repartitionRequired()) {
            return stream;
        }
        String base = grouped.name() != null ? grouped.name() : storeName;
        return stream.repartitionForGrouping(base, grouped.name() != null, keySerde(), valueSerde());
    }

    Serde<K> groupKeySerde() {
        return keySerde();
    }

    @Override
    public <W extends dev.rill.streams.kstream.Window> dev.rill.streams.kstream.TimeWindowedKStream<K, V> windowedBy(
            dev.rill.streams.kstream.Windows<W> windows) {
        return new TimeWindowedKStreamImpl<>(this, WindowSpec.of(windows));
    }

    @Override
    public dev.rill.streams.kstream.TimeWindowedKStream<K, V> windowedBy(dev.rill.streams.kstream.SlidingWindows windows) {
        return new TimeWindowedKStreamImpl<>(this, WindowSpec.of(windows));
    }

    @Override
    public dev.rill.streams.kstream.SessionWindowedKStream<K, V> windowedBy(
            dev.rill.streams.kstream.SessionWindows windows) {
        return new SessionWindowedKStreamImpl<>(this, WindowSpec.of(windows));
    }

    Serde<K> keySerde() {
        return grouped.keySerde() != null ? grouped.keySerde() : stream.keySerde();
    }

    Serde<V> valueSerde() {
        return grouped.valueSerde() != null ? grouped.valueSerde() : stream.valueSerde();
    }

    @Override
    public KTable<K, Long> count() {
        return doCount(null, Materialized.with(keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, ? extends StateStore> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<K, Long> count(Named named) {
        return doCount(Objects.requireNonNull(named, "named"), Materialized.with(keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, ? extends StateStore> materialized) {
        // as Kafka Streams: a count given a Materialized without a store name burns one generated name here, so
        // the names after it are the same as Kafka Streams'
        if (new MaterializedInternal<>(Objects.requireNonNull(materialized, "materialized")).storeName() == null) {
            builder.newName("KSTREAM-AGGREGATE-");
        }
        return doCount(named, materialized);
    }

    private KTable<K, Long> doCount(Named named, Materialized<K, Long, ? extends StateStore> materialized) {
        return doAggregate(named, materialized, (k, v, agg) -> agg == null ? 1L : agg + 1, Serdes.Long(), "KSTREAM-AGGREGATE-");
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, null, Materialized.with(null, null));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, ? extends StateStore> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, ? extends StateStore> materialized) {
        Objects.requireNonNull(reducer, "reducer");
        return doAggregate(named, materialized, (k, v, agg) -> agg == null ? v : reducer.apply(agg, v), valueSerde(),
                "KSTREAM-REDUCE-");
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, null, Materialized.with(null, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                        Materialized<K, VR, ? extends StateStore> materialized) {
        return aggregate(initializer, aggregator, null, materialized);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                        Named named, Materialized<K, VR, ? extends StateStore> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(aggregator, "aggregator");
        return doAggregate(named, materialized,
                (k, v, agg) -> aggregator.apply(k, v, agg == null ? initializer.apply() : agg), null,
                "KSTREAM-AGGREGATE-");
    }

    private <VR> KTable<K, VR> doAggregate(Named named, Materialized<K, VR, ? extends StateStore> materialized,
                                           StreamAggregateProcessor.Fold<K, V, VR> fold, Serde<VR> fallbackValueSerde,
                                           String prefix) {
        MaterializedInternal<K, VR, StateStore> m = new MaterializedInternal<>(
                Objects.requireNonNull(materialized, "materialized"), builder, prefix + "STATE-STORE-");
        // Kafka Streams names the aggregation before its repartition nodes
        String name = builder.nameOr(NamedInternal.nameOf(named), prefix);
        KStreamImpl<K, V> input = input(m.storeName());
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : keySerde();
        Serde<VR> vs = m.valueSerde() != null ? m.valueSerde() : fallbackValueSerde;
        builder.addStatefulProcessor(name, () -> new StreamAggregateProcessor<>(m.storeName(), fold),
                m.storeBuilder(ks, vs), List.of(m.storeName()), input.nodeName());
        return new KTableImpl<>(builder, name, m.storeName(), ks, vs);
    }
}
