package dev.rill.streams.internal.kstream;

import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.Aggregator;
import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Reducer;
import dev.rill.streams.kstream.TimeWindowedKStream;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A grouped stream with tumbling, hopping or sliding windows (the {@link WindowSpec} says which). */
final class TimeWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
    private static final String AGGREGATE = "KSTREAM-AGGREGATE-";
    private static final String REDUCE = "KSTREAM-REDUCE-";

    private final KGroupedStreamImpl<K, V> grouped;
    private final WindowSpec spec;
    private EmitStrategy emitStrategy = EmitStrategy.onWindowUpdate();

    TimeWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, WindowSpec spec) {
        this.grouped = grouped;
        this.spec = spec;
    }

    @Override
    public TimeWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy) {
        this.emitStrategy = requireStrategy(emitStrategy);
        return this;
    }

    static EmitStrategy requireStrategy(EmitStrategy emitStrategy) {
        if (emitStrategy == null) {
            throw new TopologyException("emitStrategy() needs a strategy but was given null; pass "
                    + "EmitStrategy.onWindowUpdate() (the default) or EmitStrategy.onWindowClose().");
        }
        return emitStrategy;
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return doCount(null, Materialized.with(grouped.keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named) {
        return doCount(Objects.requireNonNull(named, "named"), Materialized.with(grouped.keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, ? extends StateStore> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, ? extends StateStore> materialized) {
        Objects.requireNonNull(materialized, "materialized");
        if (spec.countBurnsStoreName() && new MaterializedInternal<>(materialized).storeName() == null) {
            grouped.builder().newName(AGGREGATE + "STATE-STORE-"); // Kafka Streams burns one index here
        }
        return doCount(named, materialized);
    }

    private KTable<Windowed<K>, Long> doCount(Named named, Materialized<K, Long, ? extends StateStore> materialized) {
        return doAggregate(named, materialized, () -> 0L, (k, v, agg) -> agg + 1, Serdes.Long(), AGGREGATE);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, null, Materialized.with(grouped.keySerde(), null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator, Named named) {
        return aggregate(initializer, aggregator, Objects.requireNonNull(named, "named"),
                Materialized.with(grouped.keySerde(), null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator,
                                                  Materialized<K, VR, ? extends StateStore> materialized) {
        return aggregate(initializer, aggregator, null, materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                                  Aggregator<? super K, ? super V, VR> aggregator, Named named,
                                                  Materialized<K, VR, ? extends StateStore> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(aggregator, "aggregator");
        return doAggregate(named, materialized, initializer, aggregator, null, AGGREGATE);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, null, Materialized.with(grouped.keySerde(), grouped.valueSerde()));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named) {
        return reduce(reducer, Objects.requireNonNull(named, "named"),
                Materialized.with(grouped.keySerde(), grouped.valueSerde()));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, ? extends StateStore> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named,
                                         Materialized<K, V, ? extends StateStore> materialized) {
        Objects.requireNonNull(reducer, "reducer");
        return doAggregate(named, materialized, () -> null,
                (k, v, agg) -> agg == null ? v : reducer.apply(agg, v), grouped.valueSerde(), REDUCE);
    }

    private <VR> KTable<Windowed<K>, VR> doAggregate(Named named, Materialized<K, VR, ? extends StateStore> materialized,
                                                     Initializer<VR> initializer,
                                                     Aggregator<? super K, ? super V, VR> aggregator,
                                                     Serde<VR> fallbackValueSerde, String prefix) {
        InternalStreamsBuilder builder = grouped.builder();
        MaterializedInternal<K, VR, StateStore> m = new MaterializedInternal<>(
                Objects.requireNonNull(materialized, "materialized"), builder, prefix + "STATE-STORE-");
        String name = builder.nameOr(NamedInternal.nameOf(named), prefix);
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : grouped.keySerde();
        Serde<VR> vs = m.valueSerde() != null ? m.valueSerde() : fallbackValueSerde;
        EmitStrategy emit = emitStrategy;
        long retention = spec.retention(m.retention(), m.storeName());
        return WindowedAggregateBuilder.build(grouped, name, m, m.windowStoreBuilder(spec, ks, vs),
                () -> spec.processor(m.storeName(), emit, initializer, aggregator, null, ks, retention), spec,
                vs);
    }
}
