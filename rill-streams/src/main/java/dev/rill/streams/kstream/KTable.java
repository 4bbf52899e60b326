package dev.rill.streams.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A changelog stream seen as a table: the latest value per key; a null value deletes the key. Updates flow downstream
 * when the table's write cache is flushed (on commit or when the cache is full), or at once with caching disabled.
 */
public interface KTable<K, V> {
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate);

    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Materialized<K, V, ? extends StateStore> materialized);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
                                 Materialized<K, VR, ? extends StateStore> materialized);

    /** The table's updates as a stream (deletions as null values). */
    KStream<K, V> toStream();

    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector);

    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
                                           Grouped<KR, VR> grouped);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Materialized<K, VR, ? extends StateStore> materialized);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, ? extends StateStore> materialized);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     Materialized<K, VR, ? extends StateStore> materialized);

    /** The name of the store that can be queried, or null if the table is not materialized. */
    String queryableStoreName();

    /**
     * Joins each row with the row of {@code other} whose key the extractor computes from this row's value (a
     * foreign-key join). The tables may have different numbers of partitions. A row whose foreign key is null or has
     * no match has no result.
     */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    /** The foreign-key join with partitioners and a name (see {@link TableJoined}). */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, ? extends StateStore> materialized);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined,
                                    Materialized<K, VR, ? extends StateStore> materialized);

    /**
     * Like the foreign-key {@code join}, keeping rows without a match or with a null foreign key (joined with null).
     */
    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        TableJoined<K, KO> tableJoined);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, ? extends StateStore> materialized);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        TableJoined<K, KO> tableJoined,
                                        Materialized<K, VR, ? extends StateStore> materialized);

    // ---- overloads naming the operator's processor (Named), as in Kafka Streams ----

    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
                        Materialized<K, V, ? extends StateStore> materialized);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate,
                           Materialized<K, V, ? extends StateStore> materialized);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
                           Materialized<K, V, ? extends StateStore> materialized);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
                                 Materialized<K, VR, ? extends StateStore> materialized);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
                                 Materialized<K, VR, ? extends StateStore> materialized);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                 Materialized<K, VR, ? extends StateStore> materialized);

    /**
     * A table of the values a {@link ValueTransformerWithKey} makes of this table's values; the transformer may use
     * the named state stores and punctuations (stores its supplier's {@code stores()} returns are not added, as in
     * Kafka Streams 4.3.1). It is called with every update's new value (null for a deletion); when a downstream
     * operator needs the values replaced (a {@code groupBy}), it is called on the old value too, unless the result
     * is materialized.
     */
    <VR> KTable<K, VR> transformValues(
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
            String... stateStoreNames);

    /** Like {@link #transformValues(ValueTransformerWithKeySupplier, String...)}, with the node named. */
    <VR> KTable<K, VR> transformValues(
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier, Named named,
            String... stateStoreNames);

    /**
     * Like {@link #transformValues(ValueTransformerWithKeySupplier, String...)}, keeping the result in the store
     * {@code materialized} names (queryable; old values then come from that store). As in Kafka Streams, a
     * {@code Materialized} that names no store (serdes only) keeps none: it only sets the result's serdes.
     */
    <VR> KTable<K, VR> transformValues(
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
            Materialized<K, VR, ? extends StateStore> materialized, String... stateStoreNames);

    /** Like {@link #transformValues(ValueTransformerWithKeySupplier, Materialized, String...)}, node named. */
    <VR> KTable<K, VR> transformValues(
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
            Materialized<K, VR, ? extends StateStore> materialized, Named named, String... stateStoreNames);

    KStream<K, V> toStream(Named named);

    /** Like {@code toStream(named).selectKey(mapper)}. */
    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Named named, Materialized<K, VR, ? extends StateStore> materialized);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Named named);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Named named, Materialized<K, VR, ? extends StateStore> materialized);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     Named named);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     Named named, Materialized<K, VR, ? extends StateStore> materialized);

    // ---- foreign-key joins whose extractor also sees the row's key ----

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, ? extends StateStore> materialized);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoined<K, KO> tableJoined,
                                    Materialized<K, VR, ? extends StateStore> materialized);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        TableJoined<K, KO> tableJoined);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, ? extends StateStore> materialized);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        TableJoined<K, KO> tableJoined,
                                        Materialized<K, VR, ? extends StateStore> materialized);

    /**
     * Holds back this table's updates as {@code suppressed} says: until their window closes (final results of a
     * windowed aggregation) or until a time limit. Checked when the topology is built: untilWindowCloses needs a
     * table made by a windowed aggregation.
     */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);
}
