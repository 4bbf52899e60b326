package dev.rill.streams.kstream;

import dev.rill.streams.processor.StateStore;

/** A cogrouped stream cut into time windows (tumbling, hopping or sliding): one windowed aggregate per key and window. */
public interface TimeWindowedCogroupedKStream<K, V> {
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Materialized<K, V, ? extends StateStore> materialized);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named,
                                     Materialized<K, V, ? extends StateStore> materialized);
}
