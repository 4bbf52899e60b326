package dev.rill.streams.kstream;

import dev.rill.streams.processor.StateStore;

/**
 * A grouped stream cut into time windows (tumbling, hopping or sliding), ready for aggregation per key and window
 * into a {@code KTable<Windowed<K>, V>}. Records with a null key are skipped; records that arrive after their window
 * closed (window end plus grace, in stream time) are dropped and counted in the {@code dropped-records} metric.
 *
 * <pre>{@code
 * KTable<Windowed<String>, Long> perMinute = clicks.groupByKey()
 *     .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
 *     .count(Materialized.as("clicks-per-minute"));
 * }</pre>
 */
public interface TimeWindowedKStream<K, V> {
    KTable<Windowed<K>, Long> count();

    KTable<Windowed<K>, Long> count(Named named);

    KTable<Windowed<K>, Long> count(Materialized<K, Long, ? extends StateStore> materialized);

    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, ? extends StateStore> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer,
                                           Aggregator<? super K, ? super V, VR> aggregator);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Named named);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Materialized<K, VR, ? extends StateStore> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Named named, Materialized<K, VR, ? extends StateStore> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, ? extends StateStore> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, ? extends StateStore> materialized);

    /** When results are forwarded: {@link EmitStrategy#onWindowUpdate()} (default) or {@link EmitStrategy#onWindowClose()}. */
    TimeWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);
}
