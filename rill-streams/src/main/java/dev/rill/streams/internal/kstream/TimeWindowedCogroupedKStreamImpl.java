package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.TimeWindowedCogroupedKStream;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import java.util.Objects;

/** A cogrouped aggregation over tumbling, hopping or sliding windows; it always emits on window update. */
final class TimeWindowedCogroupedKStreamImpl<K, V> implements TimeWindowedCogroupedKStream<K, V> {
    private final CogroupedKStreamImpl<K, V> cogrouped;
    private final WindowSpec spec;

    TimeWindowedCogroupedKStreamImpl(CogroupedKStreamImpl<K, V> cogrouped, WindowSpec spec) {
        this.cogrouped = cogrouped;
        this.spec = spec;
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer) {
        return aggregate(initializer, null, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named) {
        return aggregate(initializer, Objects.requireNonNull(named, "named"), Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer,
                                            Materialized<K, V, ? extends StateStore> materialized) {
        return aggregate(initializer, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named,
                                            Materialized<K, V, ? extends StateStore> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        MaterializedInternal<K, V, StateStore> m = cogrouped.newMaterialized(materialized);
        String merge = cogrouped.addAggregation(named, m, m.windowStoreBuilder(spec, m.keySerde(), m.valueSerde()),
                agg -> () -> spec.processor(m.storeName(), EmitStrategy.onWindowUpdate(), initializer, agg, null,
                        m.keySerde(), spec.retention(m.retention(), m.storeName())));
        return KTableImpl.windowed(cogrouped.builder(), merge, m.storeName(),
                WindowedKeySerde.timeWindowed(m.keySerde(), spec.storeWindowSize()), m.valueSerde(),
                spec.gracePeriodMs());
    }
}
