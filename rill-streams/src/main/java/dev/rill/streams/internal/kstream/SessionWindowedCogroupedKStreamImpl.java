package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.EmitStrategy;
import dev.rill.streams.kstream.Initializer;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Merger;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.SessionWindowedCogroupedKStream;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import java.util.Objects;

/** A cogrouped aggregation over session windows; it always emits on window update. */
final class SessionWindowedCogroupedKStreamImpl<K, V> implements SessionWindowedCogroupedKStream<K, V> {
    private final CogroupedKStreamImpl<K, V> cogrouped;
    private final WindowSpec spec;

    SessionWindowedCogroupedKStreamImpl(CogroupedKStreamImpl<K, V> cogrouped, WindowSpec spec) {
        this.cogrouped = cogrouped;
        this.spec = spec;
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger) {
        return aggregate(initializer, sessionMerger, null, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                            Named named) {
        return aggregate(initializer, sessionMerger, Objects.requireNonNull(named, "named"),
                Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                            Materialized<K, V, ? extends StateStore> materialized) {
        return aggregate(initializer, sessionMerger, null, materialized);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                            Named named, Materialized<K, V, ? extends StateStore> materialized) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(sessionMerger, "sessionMerger");
        MaterializedInternal<K, V, StateStore> m = cogrouped.newMaterialized(materialized);
        String merge = cogrouped.addAggregation(named, m, m.sessionStoreBuilder(spec, m.keySerde(), m.valueSerde()),
                agg -> () -> spec.processor(m.storeName(), EmitStrategy.onWindowUpdate(), initializer, agg,
                        sessionMerger, m.keySerde(), spec.retention(m.retention(), m.storeName())));
        return KTableImpl.windowed(cogrouped.builder(), merge, m.storeName(),
                WindowedKeySerde.sessionWindowed(m.keySerde()), m.valueSerde(),
                spec.gracePeriodMs());
    }
}
