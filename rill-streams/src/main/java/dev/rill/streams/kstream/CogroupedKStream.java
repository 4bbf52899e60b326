package dev.rill.streams.kstream;

import dev.rill.streams.processor.StateStore;

/**
 * Several grouped streams aggregated into one table with one store: each stream brings its own aggregator.
 *
 * <pre>{@code
 * KTable<String, Long> spent = payments.groupByKey().cogroup((k, v, agg) -> agg + v)
 *     .cogroup(refunds.groupByKey(), (k, v, agg) -> agg - v)
 *     .aggregate(() -> 0L);
 * }</pre>
 */
public interface CogroupedKStream<K, VOut> {
    <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream,
                                            Aggregator<? super K, ? super VIn, VOut> aggregator);

    KTable<K, VOut> aggregate(Initializer<VOut> initializer);

    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named);

    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Materialized<K, VOut, ? extends StateStore> materialized);

    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
                              Materialized<K, VOut, ? extends StateStore> materialized);

    /** Windows the cogrouped aggregation with tumbling or hopping windows ({@link TimeWindows}). */
    <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows);

    /** Windows the cogrouped aggregation with sliding windows. */
    TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows);

    /** Windows the cogrouped aggregation with session windows. */
    SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows);
}
