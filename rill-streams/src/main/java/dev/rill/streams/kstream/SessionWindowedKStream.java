package dev.rill.streams.kstream;

import dev.rill.streams.processor.StateStore;

/**
 * A grouped stream cut into session windows: a key's records less than the inactivity gap apart form one session,
 * and a record that bridges two sessions merges them (the merged sessions are deleted, as tombstones on their
 * windowed keys, and the merged one is written). Records with a null key are skipped; late records are dropped and
 * counted in the {@code dropped-records} metric.
 *
 * <pre>{@code
 * KTable<Windowed<String>, Long> visits = clicks.groupByKey()
 *     .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMinutes(30)))
 *     .count();
 * }</pre>
 */
public interface SessionWindowedKStream<K, V> {
    KTable<Windowed<K>, Long> count();

    KTable<Windowed<K>, Long> count(Named named);

    KTable<Windowed<K>, Long> count(Materialized<K, Long, ? extends StateStore> materialized);

    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, ? extends StateStore> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger,
                                           Materialized<K, VR, ? extends StateStore> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named,
                                           Materialized<K, VR, ? extends StateStore> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, ? extends StateStore> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, ? extends StateStore> materialized);

    /** When results are forwarded: {@link EmitStrategy#onWindowUpdate()} (default) or {@link EmitStrategy#onWindowClose()}. */
    SessionWindowedKStream<K, V> emitStrategy(EmitStrategy emitStrategy);
}
