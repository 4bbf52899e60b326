package dev.rill.streams.kstream;

import dev.rill.streams.processor.StateStore;

/** A cogrouped stream cut into session windows: one aggregate per key and session, merged with the given merger. */
public interface SessionWindowedCogroupedKStream<K, V> {
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                     Materialized<K, V, ? extends StateStore> materialized);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named,
                                     Materialized<K, V, ? extends StateStore> materialized);
}
