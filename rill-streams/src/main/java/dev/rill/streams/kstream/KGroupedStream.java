package dev.rill.streams.kstream;

import dev.rill.streams.processor.StateStore;

/** A stream grouped by key, ready for aggregation into a {@link KTable}. Records with a null key or value are skipped. */
public interface KGroupedStream<K, V> {
    KTable<K, Long> count();

    KTable<K, Long> count(Materialized<K, Long, ? extends StateStore> materialized);

    KTable<K, Long> count(Named named);

    KTable<K, Long> count(Named named, Materialized<K, Long, ? extends StateStore> materialized);

    KTable<K, V> reduce(Reducer<V> reducer);

    KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, ? extends StateStore> materialized);

    KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, ? extends StateStore> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                 Materialized<K, VR, ? extends StateStore> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                 Named named, Materialized<K, VR, ? extends StateStore> materialized);

    /** Starts a cogrouped aggregation with this stream and its aggregator. */
    <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator);

    /** Cuts the grouped stream into tumbling or hopping windows ({@link TimeWindows}) for windowed aggregation. */
    <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows);

    /** Cuts the grouped stream into sliding windows (one window per distinct record-time neighbourhood). */
    TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);

    /** Cuts the grouped stream into session windows (activity separated by an inactivity gap). */
    SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);
}
