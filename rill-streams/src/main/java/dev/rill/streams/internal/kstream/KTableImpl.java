package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.KGroupedTable;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.kstream.TableJoined;
import dev.rill.streams.kstream.ValueJoiner;
import dev.rill.streams.kstream.ValueMapper;
import dev.rill.streams.kstream.ValueMapperWithKey;
import dev.rill.streams.kstream.ValueTransformerWithKeySupplier;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.api.ProcessorSupplier;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The DSL table: its node forwards {@link Change}s (new and old value). {@code storeName} is set when the table is
 * materialized (sources, aggregations, and operators given a {@code Materialized}).
 */
final class KTableImpl<K, V> implements KTable<K, V> {
    private final InternalStreamsBuilder builder;
    private final String nodeName;
    private final String storeName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    /**
     * For a table whose node can keep a store but has none yet (a foreign-key join result): adds the store and
     * returns its name. Null otherwise.
     */
    private final Supplier<String> lazyStore;
    /** Asks the upstream table to forward old values; null when this table's node already does or cannot. */
    private final Runnable upstreamOldValues;
    /**
     * For the result of a windowed aggregation (and tables derived from it without a key change): its window store
     * and the windows' grace period, which suppress(untilWindowCloses) needs. Null for tables of plain keys.
     */
    private WindowedOrigin windowedOrigin;

    /** Where a windowed table comes from: the aggregation's window or session store and its grace period. */
    record WindowedOrigin(String storeName, long gracePeriodMs) {
    }

    /**
     * The table of a windowed aggregation. Its store holds windows, not keys, so operators that need a key-value
     * view (joins) materialize the table themselves, as for a stateless table.
     */
    static <K, V> KTableImpl<K, V> windowed(InternalStreamsBuilder builder, String nodeName, String windowStore,
                                            Serde<K> keySerde, Serde<V> valueSerde, long gracePeriodMs) {
        KTableImpl<K, V> t = new KTableImpl<>(builder, nodeName, null, keySerde, valueSerde, null, null);
        t.windowedOrigin = new WindowedOrigin(windowStore, gracePeriodMs);
        return t;
    }

    /** The windowed origin of this table, or null for a table of plain keys. */
    WindowedOrigin windowedOrigin() {
        return windowedOrigin;
    }

    KTableImpl(InternalStreamsBuilder builder, String nodeName, String storeName, Serde<K> keySerde, Serde<V> valueSerde) {
        this(builder, nodeName, storeName, keySerde, valueSerde, null, null);
    }

    private KTableImpl(InternalStreamsBuilder builder, String nodeName, String storeName, Serde<K> keySerde,
                       Serde<V> valueSerde, Supplier<String> lazyStore, Runnable upstreamOldValues) {
        this.builder = builder;
        this.nodeName = nodeName;
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.lazyStore = lazyStore;
        this.upstreamOldValues = upstreamOldValues;
    }

    /** A table whose node forwards old values only once {@code lazyStore} has given it a store. */
    static <K, V> KTableImpl<K, V> withLazyStore(InternalStreamsBuilder builder, String nodeName, String storeName,
                                                 Serde<K> keySerde, Serde<V> valueSerde, Supplier<String> lazyStore) {
        return new KTableImpl<>(builder, nodeName, storeName, keySerde, valueSerde, lazyStore, null);
    }

    /**
     * Makes this table's updates carry the value they replace (what a grouping's subtractor needs). Tables with a
     * store always do; a stateless operator passes on what its parent forwards.
     */
    private void enableOldValues() {
        if (storeName != null) {
            return;
        }
        if (lazyStore != null) {
            lazyStore.get();
        } else if (upstreamOldValues != null) {
            upstreamOldValues.run();
        }
    }

    private <VR> KTableImpl<K, VR> then(Named named, String prefix,
                                        ProcessorSupplier<K, Change<V>, K, Change<VR>> supplier,
                                        Serde<VR> vs, Materialized<K, VR, ? extends StateStore> materialized) {
        return then(named, prefix, supplier, vs, materialized, this::enableOldValues);
    }

    private <VR> KTableImpl<K, VR> then(Named named, String prefix,
                                        ProcessorSupplier<K, Change<V>, K, Change<VR>> supplier,
                                        Serde<VR> vs, Materialized<K, VR, ? extends StateStore> materialized,
                                        Runnable oldValues) {
        String name = builder.nameOr(NamedInternal.nameOf(named), prefix);
        builder.addProcessor(name, supplier, nodeName);
        KTableImpl<K, VR> result = new KTableImpl<>(builder, name, null, keySerde, vs, null, oldValues);
        result.windowedOrigin = windowedOrigin == null ? null : new WindowedOrigin(null, windowedOrigin.gracePeriodMs());
        return materialized == null ? result : result.materialize(materialized);
    }

    /**
     * A filter: like Kafka Streams, it forwards a row failing the predicate as a delete even when the row did not
     * pass before, unless a downstream operator asked for old values (then such a no-op is dropped).
     */
    private KTable<K, V> filter(Predicate<? super K, ? super V> predicate, boolean keep, Named named,
                                Materialized<K, V, ? extends StateStore> materialized) {
        Objects.requireNonNull(predicate, "predicate");
        java.util.concurrent.atomic.AtomicBoolean sendOldValues = new java.util.concurrent.atomic.AtomicBoolean();
        return then(named, "KTABLE-FILTER-", () -> new TableFilterProcessor<>(predicate, keep, sendOldValues.get()),
                valueSerde, materialized, () -> {
                    sendOldValues.set(true);
                    enableOldValues();
                });
    }

    /** Adds a store holding this table's current values; returns the materialized table. */
    KTableImpl<K, V> materialize(Materialized<K, V, ? extends StateStore> materialized) {
        MaterializedInternal<K, V, StateStore> m = new MaterializedInternal<>(materialized, builder,
                "KTABLE-STATE-STORE-");
        String name = builder.newName("KTABLE-MATERIALIZE-");
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : keySerde;
        Serde<V> vs = m.valueSerde() != null ? m.valueSerde() : valueSerde;
        builder.addStatefulProcessor(name, () -> new TableMaterializeProcessor<K, V>(m.storeName(), true),
                m.storeBuilder(ks, vs), List.of(m.storeName()), nodeName);
        return new KTableImpl<>(builder, name, m.storeName(), ks, vs);
    }

    private KTableImpl<K, V> materialized() {
        if (storeName != null) {
            return this;
        }
        if (lazyStore != null) {
            return new KTableImpl<>(builder, nodeName, lazyStore.get(), keySerde, valueSerde);
        }
        return materialize(Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, true, null, null);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate,
                               Materialized<K, V, ? extends StateStore> materialized) {
        return filter(predicate, true, null, materialized);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, false, null, null);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return filter(predicate, true, Objects.requireNonNull(named, "named"), null);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
                               Materialized<K, V, ? extends StateStore> materialized) {
        return filter(predicate, true, Objects.requireNonNull(named, "named"),
                Objects.requireNonNull(materialized, "materialized"));
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate,
                                  Materialized<K, V, ? extends StateStore> materialized) {
        return filter(predicate, false, null, Objects.requireNonNull(materialized, "materialized"));
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return filter(predicate, false, Objects.requireNonNull(named, "named"), null);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
                                  Materialized<K, V, ? extends StateStore> materialized) {
        return filter(predicate, false, Objects.requireNonNull(named, "named"),
                Objects.requireNonNull(materialized, "materialized"));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return mapValues((ValueMapperWithKey<K, V, VR>) (k, v) -> mapper.apply(v));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return doMapValues(mapper, null, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
                                        Materialized<K, VR, ? extends StateStore> materialized) {
        Objects.requireNonNull(mapper, "mapper");
        return doMapValues((k, v) -> mapper.apply(v), null, Objects.requireNonNull(materialized, "materialized"));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return doMapValues((k, v) -> mapper.apply(v), Objects.requireNonNull(named, "named"), null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
                                        Materialized<K, VR, ? extends StateStore> materialized) {
        Objects.requireNonNull(mapper, "mapper");
        return doMapValues((k, v) -> mapper.apply(v), Objects.requireNonNull(named, "named"),
                Objects.requireNonNull(materialized, "materialized"));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
                                        Materialized<K, VR, ? extends StateStore> materialized) {
        return doMapValues(mapper, null, Objects.requireNonNull(materialized, "materialized"));
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        return doMapValues(mapper, Objects.requireNonNull(named, "named"), null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                        Materialized<K, VR, ? extends StateStore> materialized) {
        return doMapValues(mapper, Objects.requireNonNull(named, "named"),
                Objects.requireNonNull(materialized, "materialized"));
    }

    private <VR> KTable<K, VR> doMapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                           Materialized<K, VR, ? extends StateStore> materialized) {
        Objects.requireNonNull(mapper, "mapper");
        return then(named, "KTABLE-MAPVALUES-", () -> new TableMapValuesProcessor<K, V, VR>(mapper), null,
                materialized);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
            String... stateStoreNames) {
        return doTransformValues(transformerSupplier, null, null, stateStoreNames);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier, Named named,
            String... stateStoreNames) {
        return doTransformValues(transformerSupplier, Objects.requireNonNull(named, "named"), null,
                stateStoreNames);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
            Materialized<K, VR, ? extends StateStore> materialized, String... stateStoreNames) {
        return doTransformValues(transformerSupplier, null, Objects.requireNonNull(materialized, "materialized"),
                stateStoreNames);
    }

    @Override
    public <VR> KTable<K, VR> transformValues(
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> transformerSupplier,
            Materialized<K, VR, ? extends StateStore> materialized, Named named, String... stateStoreNames) {
        return doTransformValues(transformerSupplier, Objects.requireNonNull(named, "named"),
                Objects.requireNonNull(materialized, "materialized"), stateStoreNames);
    }

    private <VR> KTable<K, VR> doTransformValues(
            ValueTransformerWithKeySupplier<? super K, ? super V, ? extends VR> supplier, Named named,
            Materialized<K, VR, ? extends StateStore> materialized, String... stateStoreNames) {
        Objects.requireNonNull(supplier, "transformerSupplier");
        Objects.requireNonNull(stateStoreNames, "stateStoreNames");
        List<String> stores = new java.util.ArrayList<>();
        for (String store : stateStoreNames) {
            stores.add(Objects.requireNonNull(store, "stateStoreNames must not contain null"));
        }
        // like Kafka Streams 4.3.1: only a Materialized naming a store (or giving a supplier) keeps the result, in a
        // store of this node; one with serdes only just sets the result's serdes, and no name is generated
        MaterializedInternal<K, VR, StateStore> m = materialized == null ? null
                : new MaterializedInternal<>(materialized);
        String name = builder.nameOr(NamedInternal.nameOf(named), "KTABLE-TRANSFORMVALUES-");
        // like Kafka Streams 4.3.1, stores the supplier's stores() returns are not added here: pass their names
        Serde<K> ks = m != null && m.keySerde() != null ? m.keySerde() : keySerde;
        Serde<VR> vs = m == null ? null : m.valueSerde();
        String resultStore = m != null && m.queryable() ? m.storeName() : null;
        if (resultStore != null) {
            stores.add(resultStore);
        }
        java.util.concurrent.atomic.AtomicBoolean sendOldValues = new java.util.concurrent.atomic.AtomicBoolean();
        builder.addStatefulProcessor(name, () -> new TableTransformValuesProcessor<K, V, VR>(supplier.get(),
                        sendOldValues.get(), name, resultStore), resultStore == null ? null : m.storeBuilder(ks, vs),
                stores, nodeName);
        KTableImpl<K, VR> result = resultStore != null ? new KTableImpl<>(builder, name, resultStore, ks, vs)
                : new KTableImpl<>(builder, name, null, ks, vs, null, () -> {
                    sendOldValues.set(true);
                    enableOldValues();
                });
        result.windowedOrigin = windowedOrigin == null ? null : new WindowedOrigin(null, windowedOrigin.gracePeriodMs());
        return result;
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream((Named) null);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return toStream(Objects.requireNonNull(named, "named")).selectKey(mapper);
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        String name = builder.nameOr(NamedInternal.nameOf(named), "KTABLE-TOSTREAM-");
        builder.addProcessor(name, () -> new TableToStreamProcessor<K, V, K>(null), nodeName);
        return new KStreamImpl<>(builder, name, keySerde, valueSerde, false);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        String name = builder.newName("KTABLE-TOSTREAM-");
        builder.addProcessor(name, () -> new TableToStreamProcessor<K, V, KR>(mapper), nodeName);
        return new KStreamImpl<>(builder, name, null, valueSerde, true);
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector) {
        return groupBy(selector, Grouped.with(null, null));
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
                                                  Grouped<KR, VR> grouped) {
        Objects.requireNonNull(selector, "selector");
        GroupedInternal<KR, VR> g = new GroupedInternal<>(Objects.requireNonNull(grouped, "grouped"));
        enableOldValues();
        String name = builder.newName("KTABLE-SELECT-");
        builder.addProcessor(name, () -> new TableGroupByProcessor<K, V, KR, VR>(selector), nodeName);
        return new KGroupedTableImpl<>(builder, name, g);
    }

    /** Repartitions a grouped table's changes (both values travel in one record). */
    static <KR, VR> KStreamImpl<KR, Change<VR>> repartitionChanges(InternalStreamsBuilder builder, String node,
                                                                   String topicName, Serde<KR> ks, Serde<VR> vs) {
        KStreamImpl<KR, Change<VR>> s = new KStreamImpl<>(builder, node, ks, null, true);
        return (KStreamImpl<KR, Change<VR>>) s.repartition(Repartitioned.<KR, Change<VR>>as(topicName)
                .withKeySerde(ks).withValueSerde(new ChangeSerde<>(vs)));
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, joiner, (Materialized<K, VR, ? extends StateStore>) null);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR, ? extends StateStore> materialized) {
        return doJoin(other, joiner, null, materialized, TableTableJoinProcessor.Kind.INNER, "KTABLE-JOINTHIS-",
                "KTABLE-JOINOTHER-");
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Named named) {
        return doJoin(other, joiner, Objects.requireNonNull(named, "named"), null, TableTableJoinProcessor.Kind.INNER,
                "KTABLE-JOINTHIS-", "KTABLE-JOINOTHER-");
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Named named, Materialized<K, VR, ? extends StateStore> materialized) {
        return doJoin(other, joiner, Objects.requireNonNull(named, "named"),
                Objects.requireNonNull(materialized, "materialized"), TableTableJoinProcessor.Kind.INNER,
                "KTABLE-JOINTHIS-", "KTABLE-JOINOTHER-");
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, joiner, (Materialized<K, VR, ? extends StateStore>) null);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           Materialized<K, VR, ? extends StateStore> materialized) {
        return doJoin(other, joiner, null, materialized, TableTableJoinProcessor.Kind.LEFT, "KTABLE-LEFTTHIS-",
                "KTABLE-LEFTOTHER-");
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Named named) {
        return doJoin(other, joiner, Objects.requireNonNull(named, "named"), null, TableTableJoinProcessor.Kind.LEFT,
                "KTABLE-LEFTTHIS-", "KTABLE-LEFTOTHER-");
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Named named, Materialized<K, VR, ? extends StateStore> materialized) {
        return doJoin(other, joiner, Objects.requireNonNull(named, "named"),
                Objects.requireNonNull(materialized, "materialized"), TableTableJoinProcessor.Kind.LEFT,
                "KTABLE-LEFTTHIS-", "KTABLE-LEFTOTHER-");
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return outerJoin(other, joiner, (Materialized<K, VR, ? extends StateStore>) null);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                            Materialized<K, VR, ? extends StateStore> materialized) {
        return doJoin(other, joiner, null, materialized, TableTableJoinProcessor.Kind.OUTER, "KTABLE-OUTERTHIS-",
                "KTABLE-OUTEROTHER-");
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Named named) {
        return doJoin(other, joiner, Objects.requireNonNull(named, "named"), null, TableTableJoinProcessor.Kind.OUTER,
                "KTABLE-OUTERTHIS-", "KTABLE-OUTEROTHER-");
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Named named, Materialized<K, VR, ? extends StateStore> materialized) {
        return doJoin(other, joiner, Objects.requireNonNull(named, "named"),
                Objects.requireNonNull(materialized, "materialized"), TableTableJoinProcessor.Kind.OUTER,
                "KTABLE-OUTERTHIS-", "KTABLE-OUTEROTHER-");
    }

    private <VO, VR> KTable<K, VR> doJoin(KTable<K, VO> otherTable, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                          Named named, Materialized<K, VR, ? extends StateStore> materialized,
                                          TableTableJoinProcessor.Kind kind, String thisPrefix, String otherPrefix) {
        Objects.requireNonNull(joiner, "joiner");
        if (!(otherTable instanceof KTableImpl<K, VO> o) || o.builder != builder) {
            throw new TopologyException("join() needs a table from the same StreamsBuilder.");
        }
        KTableImpl<K, V> left = materialized();
        KTableImpl<K, VO> right = o.materialized();
        // like Kafka Streams: a name given names the merge node, and the two sides after it ("-join-" for every kind)
        String given = NamedInternal.nameOf(named);
        String thisName = builder.nameOr(given == null ? null : given + "-join-this", thisPrefix);
        String otherName = builder.nameOr(given == null ? null : given + "-join-other", otherPrefix);
        String mergeName = builder.nameOr(given, "KTABLE-MERGE-");
        builder.addStatefulProcessor(thisName, () -> new TableTableJoinProcessor<K, V, VO, VR>(right.storeName, true,
                kind, joiner), null, List.of(right.storeName), left.nodeName);
        builder.addStatefulProcessor(otherName, () -> new TableTableJoinProcessor<K, V, VO, VR>(left.storeName, false,
                kind, joiner), null, List.of(left.storeName), right.nodeName);
        builder.addProcessor(mergeName, (ProcessorSupplier<K, Change<VR>, K, Change<VR>>) PassThroughProcessor::new,
                thisName, otherName);
        KTableImpl<K, VR> result = new KTableImpl<>(builder, mergeName, null, keySerde, null);
        return materialized == null ? result : result.materialize(materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return fkJoin(other, valueOnly(foreignKeyExtractor), joiner, null, null, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           TableJoined<K, KO> tableJoined) {
        return fkJoin(other, valueOnly(foreignKeyExtractor), joiner, tableJoined, null, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           Materialized<K, VR, ? extends StateStore> materialized) {
        return fkJoin(other, valueOnly(foreignKeyExtractor), joiner, null, materialized, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                           TableJoined<K, KO> tableJoined,
                                           Materialized<K, VR, ? extends StateStore> materialized) {
        return fkJoin(other, valueOnly(foreignKeyExtractor), joiner, tableJoined, materialized, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return fkJoin(other, valueOnly(foreignKeyExtractor), joiner, null, null, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                               TableJoined<K, KO> tableJoined) {
        return fkJoin(other, valueOnly(foreignKeyExtractor), joiner, tableJoined, null, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                               Materialized<K, VR, ? extends StateStore> materialized) {
        return fkJoin(other, valueOnly(foreignKeyExtractor), joiner, null, materialized, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                               ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                               TableJoined<K, KO> tableJoined,
                                               Materialized<K, VR, ? extends StateStore> materialized) {
        return fkJoin(other, valueOnly(foreignKeyExtractor), joiner, tableJoined, materialized, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(
            KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return fkJoin(other, foreignKeyExtractor, joiner, null, null, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(
            KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
            TableJoined<K, KO> tableJoined) {
        return fkJoin(other, foreignKeyExtractor, joiner, tableJoined, null, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(
            KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
            Materialized<K, VR, ? extends StateStore> materialized) {
        return fkJoin(other, foreignKeyExtractor, joiner, null, materialized, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(
            KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
            TableJoined<K, KO> tableJoined, Materialized<K, VR, ? extends StateStore> materialized) {
        return fkJoin(other, foreignKeyExtractor, joiner, tableJoined, materialized, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(
            KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return fkJoin(other, foreignKeyExtractor, joiner, null, null, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(
            KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
            TableJoined<K, KO> tableJoined) {
        return fkJoin(other, foreignKeyExtractor, joiner, tableJoined, null, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(
            KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
            Materialized<K, VR, ? extends StateStore> materialized) {
        return fkJoin(other, foreignKeyExtractor, joiner, null, materialized, true);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(
            KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
            TableJoined<K, KO> tableJoined, Materialized<K, VR, ? extends StateStore> materialized) {
        return fkJoin(other, foreignKeyExtractor, joiner, tableJoined, materialized, true);
    }

    private static <K, V, KO> BiFunction<K, V, KO> valueOnly(Function<? super V, ? extends KO> extractor) {
        Objects.requireNonNull(extractor, "foreignKeyExtractor");
        return (k, v) -> extractor.apply(v);
    }

    @SuppressWarnings("unchecked")
    private <VR, KO, VO> KTable<K, VR> fkJoin(KTable<KO, VO> otherTable,
                                              BiFunction<? super K, ? super V, ? extends KO> extractor,
                                              ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                              TableJoined<K, KO> tableJoined,
                                              Materialized<K, VR, ? extends StateStore> materialized, boolean leftJoin) {
        Objects.requireNonNull(otherTable, "other");
        Objects.requireNonNull(extractor, "foreignKeyExtractor");
        Objects.requireNonNull(joiner, "joiner");
        if (!(otherTable instanceof KTableImpl<KO, VO> o) || o.builder != builder) {
            throw new TopologyException("join() needs a table from the same StreamsBuilder.");
        }
        return ForeignKeyJoinBuilder.join(materialized(), o.materialized(), (BiFunction<K, V, KO>) extractor, joiner,
                tableJoined != null ? tableJoined : TableJoined.with(null, null), materialized, leftJoin);
    }

    InternalStreamsBuilder builder() {
        return builder;
    }

    String nodeName() {
        return nodeName;
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    String storeName() {
        return storeName;
    }

    /** This table, materialized if it was not; for stream-table joins. */
    KTableImpl<K, V> forLookup(InternalStreamsBuilder b) {
        if (b != builder) {
            throw new TopologyException("join() needs a table from the same StreamsBuilder.");
        }
        return materialized();
    }

    @Override
    public String queryableStoreName() {
        return storeName == null && windowedOrigin != null ? windowedOrigin.storeName() : storeName;
    }

    @Override
    public KTable<K, V> suppress(dev.rill.streams.kstream.Suppressed<? super K> suppressed) {
        Objects.requireNonNull(suppressed, "suppressed");
        String name = suppressed.name() != null ? suppressed.name() : builder.newName("KTABLE-SUPPRESS-");
        boolean untilWindowCloses = suppressed.timeLimit() == null;
        if (untilWindowCloses && windowedOrigin == null) {
            throw new TopologyException("suppress(Suppressed.untilWindowCloses(...)) at " + name + " needs a table "
                    + "made by a windowed aggregation (groupByKey().windowedBy(...).count() and the like), but table "
                    + nodeName + " has plain keys, so its rows have no window that could close. Window the "
                    + "aggregation, or use Suppressed.untilTimeLimit(duration, bufferConfig).");
        }
        String storeName = suppressed.name() != null ? suppressed.name() + "-store"
                : builder.newName("KTABLE-SUPPRESS-STATE-STORE-");
        var buffer = suppressed.bufferConfig();
        long duration = untilWindowCloses ? windowedOrigin.gracePeriodMs() : suppressed.timeLimit().toMillis();
        SuppressProcessor.Config config = new SuppressProcessor.Config(storeName, duration, untilWindowCloses,
                buffer.maxRecordsLimit(), buffer.maxBytesLimit(), buffer.emitsEarlyWhenFull());
        // an unbounded buffer lives in RocksDB, so it cannot exhaust the heap (Rill; Kafka Streams keeps it in memory)
        dev.rill.streams.state.StoreBuilder<?> store = dev.rill.streams.state.Stores.keyValueStoreBuilder(
                SuppressProcessor.unbounded(buffer.maxRecordsLimit(), buffer.maxBytesLimit())
                        ? dev.rill.streams.state.Stores.persistentKeyValueStore(storeName)
                        : dev.rill.streams.state.Stores.inMemoryKeyValueStore(storeName),
                org.apache.kafka.common.serialization.Serdes.Bytes(),
                org.apache.kafka.common.serialization.Serdes.ByteArray()).withCachingDisabled();
        if (buffer.loggingEnabled()) {
            store.withLoggingEnabled(buffer.logConfig());
        } else {
            store.withLoggingDisabled();
        }
        enableOldValues();
        builder.addStatefulProcessor(name, () -> new SuppressProcessor<K, V>(config, keySerde, valueSerde, name),
                store, List.of(storeName), nodeName);
        KTableImpl<K, V> result = new KTableImpl<>(builder, name, null, keySerde, valueSerde, null, null);
        result.windowedOrigin = windowedOrigin == null ? null : new WindowedOrigin(null, windowedOrigin.gracePeriodMs());
        return result;
    }
}
