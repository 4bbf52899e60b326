package dev.rill.streams.kstream;

import dev.rill.streams.processor.StateStore;

/**
 * A table re-grouped by a new key: every update subtracts the old value from its old group and adds the new value to
 * its new group.
 */
public interface KGroupedTable<K, V> {
    KTable<K, Long> count();

    KTable<K, Long> count(Materialized<K, Long, ? extends StateStore> materialized);

    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor);

    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Materialized<K, V, ? extends StateStore> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor,
                                 Materialized<K, VR, ? extends StateStore> materialized);

    KTable<K, Long> count(Named named);

    KTable<K, Long> count(Named named, Materialized<K, Long, ? extends StateStore> materialized);

    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                        Materialized<K, V, ? extends StateStore> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor, Named named);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                 Materialized<K, VR, ? extends StateStore> materialized);
}
