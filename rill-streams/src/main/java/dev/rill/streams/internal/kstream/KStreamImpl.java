package dev.rill.streams.internal.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.TopologyException;
import dev.rill.streams.internal.topology.ProcessorSpec;
import dev.rill.streams.internal.topology.RepartitionTopicSpec;
import dev.rill.streams.internal.topology.SinkSpec;
import dev.rill.streams.internal.topology.SourceSpec;
import dev.rill.streams.internal.topology.TopicRef;
import dev.rill.streams.kstream.BranchedKStream;
import dev.rill.streams.kstream.ForeachAction;
import dev.rill.streams.kstream.GlobalKTable;
import dev.rill.streams.kstream.ValueJoinerWithKey;
import dev.rill.streams.kstream.Grouped;
import dev.rill.streams.kstream.Joined;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.ValueJoiner;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.kstream.Produced;
import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.kstream.ValueMapper;
import dev.rill.streams.kstream.ValueMapperWithKey;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.FixedKeyProcessorSupplier;
import dev.rill.streams.processor.api.ProcessorSupplier;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The DSL stream: each operator adds a Processor API node (built from the public {@code ProcessorSupplier} type)
 * under this stream's node. Known serdes flow downstream until an operator changes the key or value type.
 */
final class KStreamImpl<K, V> implements KStream<K, V> {
    private final InternalStreamsBuilder builder;
    private final String nodeName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final boolean repartitionRequired;

    KStreamImpl(InternalStreamsBuilder builder, String nodeName, Serde<K> keySerde, Serde<V> valueSerde,
                boolean repartitionRequired) {
        this.builder = builder;
        this.nodeName = nodeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.repartitionRequired = repartitionRequired;
    }

    String nodeName() {
        return nodeName;
    }

    boolean repartitionRequired() {
        return repartitionRequired;
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    @Override
    public KGroupedStream<K, V> groupByKey() {
        return groupByKey(Grouped.with(null, null));
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        return new KGroupedStreamImpl<>(builder, this, new GroupedInternal<>(Objects.requireNonNull(grouped, "grouped")));
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector) {
        return groupBy(keySelector, Grouped.with(null, null));
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector,
                                              Grouped<KR, V> grouped) {
        Objects.requireNonNull(keySelector, "keySelector");
        KStreamImpl<KR, V> keyed = (KStreamImpl<KR, V>) selectKey(keySelector);
        return new KGroupedStreamImpl<>(builder, keyed, new GroupedInternal<>(Objects.requireNonNull(grouped, "grouped")));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return join(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                        Joined<K, V, VT> joined) {
        return tableJoin(table, joiner, false);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                            Joined<K, V, VT> joined) {
        return tableJoin(table, joiner, true);
    }

    private <VT, VR> KStream<K, VR> tableJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                              boolean left) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(joiner, "joiner");
        if (!(table instanceof KTableImpl<K, VT> t)) {
            throw new TopologyException("join() needs a table from the same StreamsBuilder.");
        }
        KTableImpl<K, VT> lookup = t.forLookup(builder);
        KStreamImpl<K, V> input = repartitionRequired ? (KStreamImpl<K, V>) repartition() : this;
        String name = builder.newName(left ? "KSTREAM-LEFTJOIN-" : "KSTREAM-JOIN-");
        String store = lookup.storeName();
        builder.addStatefulProcessor(name, () -> new StreamTableJoinProcessor<K, V, VT, VR>(store, left, joiner), null,
                List.of(store), input.nodeName);
        return new KStreamImpl<>(builder, name, keySerde, null, false);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                            KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoiner<? super V, ? super GV, ? extends RV> joiner) {
        Objects.requireNonNull(joiner, "joiner");
        return globalJoin(globalTable, keySelector, (k, v, gv) -> joiner.apply(v, gv), false);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                            KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner) {
        return globalJoin(globalTable, keySelector, joiner, false);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoiner<? super V, ? super GV, ? extends RV> joiner) {
        Objects.requireNonNull(joiner, "joiner");
        return globalJoin(globalTable, keySelector, (k, v, gv) -> joiner.apply(v, gv), true);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner) {
        return globalJoin(globalTable, keySelector, joiner, true);
    }

    private <GK, GV, RV> KStream<K, RV> globalJoin(GlobalKTable<GK, GV> globalTable,
                                                   KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                   ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                                   boolean left) {
        Objects.requireNonNull(globalTable, "globalTable");
        Objects.requireNonNull(keySelector, "keySelector");
        Objects.requireNonNull(joiner, "joiner");
        String store = globalTable.queryableStoreName();
        // Kafka Streams names both global-table joins LEFTJOIN
        String name = builder.newName("KSTREAM-LEFTJOIN-");
        builder.addStatefulProcessor(name, () -> new GlobalStreamTableJoinProcessor<K, V, GK, GV, RV>(store, left,
                keySelector, joiner), null, List.of(store), nodeName);
        return new KStreamImpl<>(builder, name, keySerde, null, repartitionRequired);
    }

    @Override
    public KTable<K, V> toTable() {
        return toTable(Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> toTable(Materialized<K, V, ? extends dev.rill.streams.processor.StateStore> materialized) {
        KStreamImpl<K, V> input = repartitionRequired ? (KStreamImpl<K, V>) repartition() : this;
        MaterializedInternal<K, V, dev.rill.streams.processor.StateStore> m = new MaterializedInternal<>(
                Objects.requireNonNull(materialized, "materialized"), builder, "KSTREAM-TOTABLE-STATE-STORE-");
        String name = builder.newName("KSTREAM-TOTABLE-");
        Serde<K> ks = m.keySerde() != null ? m.keySerde() : keySerde;
        Serde<V> vs = m.valueSerde() != null ? m.valueSerde() : valueSerde;
        builder.addStatefulProcessor(name, () -> new TableMaterializeProcessor<K, V>(m.storeName(), false),
                m.storeBuilder(ks, vs), List.of(m.storeName()), input.nodeName);
        return new KTableImpl<>(builder, name, m.storeName(), ks, vs);
    }

    private <KR, VR> KStreamImpl<KR, VR> add(Named named, String prefix, ProcessorSupplier<K, V, KR, VR> supplier,
                                              Serde<KR> ks, Serde<VR> vs, boolean repartition) {
        String name = builder.nameOr(NamedInternal.nameOf(named), prefix);
        builder.addProcessor(name, supplier, nodeName);
        return new KStreamImpl<>(builder, name, ks, vs, repartition);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, null);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate");
        return add(named, "KSTREAM-FILTER-", () -> new FilterProcessor<>(predicate, true), keySerde, valueSerde,
                repartitionRequired);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filterNot(predicate, null);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate");
        return add(named, "KSTREAM-FILTER-", () -> new FilterProcessor<>(predicate, false), keySerde, valueSerde,
                repartitionRequired);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        return map(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return add(named, "KSTREAM-MAP-", () -> new MapProcessor<>(mapper), null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValues(mapper, (Named) null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return mapValues((ValueMapperWithKey<K, V, VR>) (k, v) -> mapper.apply(v), named);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return add(named, "KSTREAM-MAPVALUES-", () -> new MapValuesProcessor<>(mapper), keySerde, null,
                repartitionRequired);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper) {
        return flatMap(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper,
            Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return add(named, "KSTREAM-FLATMAP-", () -> new FlatMapProcessor<>(mapper), null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, (Named) null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper,
                                             Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return flatMapValues((ValueMapperWithKey<K, V, Iterable<? extends VR>>) (k, v) -> mapper.apply(v), named);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return add(named, "KSTREAM-FLATMAPVALUES-", () -> new FlatMapValuesProcessor<>(mapper), keySerde, null,
                repartitionRequired);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return selectKey(mapper, null);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return add(named, "KSTREAM-KEY-SELECT-", () -> new SelectKeyProcessor<>(mapper), null, valueSerde, true);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
        return peek(action, null);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action");
        return add(named, "KSTREAM-PEEK-", () -> new PeekProcessor<>(action, true), keySerde, valueSerde,
                repartitionRequired);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action) {
        foreach(action, null);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action");
        add(named, "KSTREAM-FOREACH-", () -> new PeekProcessor<>(action, false), keySerde, valueSerde,
                repartitionRequired);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream) {
        return merge(stream, null);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream, Named named) {
        Objects.requireNonNull(stream, "stream");
        if (!(stream instanceof KStreamImpl<K, V> other) || other.builder != builder) {
            throw new TopologyException("merge() needs a stream from the same StreamsBuilder.");
        }
        String name = builder.nameOr(NamedInternal.nameOf(named), "KSTREAM-MERGE-");
        builder.addProcessor(name, (ProcessorSupplier<K, V, K, V>) PassThroughProcessor::new, nodeName, other.nodeName);
        return new KStreamImpl<>(builder, name, null, null, repartitionRequired || other.repartitionRequired);
    }

    @Override
    public BranchedKStream<K, V> split() {
        return split(null);
    }

    @Override
    public BranchedKStream<K, V> split(Named named) {
        String name = builder.nameOr(NamedInternal.nameOf(named), "KSTREAM-BRANCH-");
        return new BranchedKStreamImpl<>(builder, this, name);
    }

    <KR, VR> KStreamImpl<KR, VR> sameSerdes(String name) {
        @SuppressWarnings("unchecked")
        KStreamImpl<KR, VR> s = (KStreamImpl<KR, VR>) new KStreamImpl<>(builder, name, keySerde, valueSerde,
                repartitionRequired);
        return s;
    }

    @Override
    public void to(String topic) {
        to(topic, Produced.with(null, null));
    }

    @Override
    public void to(String topic, Produced<K, V> produced) {
        Objects.requireNonNull(topic, "topic");
        addSink(TopicRef.user(topic), null, produced);
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor) {
        to(topicExtractor, Produced.with(null, null));
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced) {
        Objects.requireNonNull(topicExtractor, "topicExtractor");
        addSink(null, topicExtractor, produced);
    }

    private void addSink(TopicRef topic, TopicNameExtractor<K, V> extractor, Produced<K, V> produced) {
        ProducedInternal<K, V> p = new ProducedInternal<>(Objects.requireNonNull(produced, "produced"));
        String name = builder.nameOr(p.name(), "KSTREAM-SINK-");
        Serde<K> ks = p.keySerde() != null ? p.keySerde() : keySerde;
        Serde<V> vs = p.valueSerde() != null ? p.valueSerde() : valueSerde;
        builder.topology().addSink(new SinkSpec(name, List.of(nodeName), topic, extractor,
                ks == null ? null : ks.serializer(), vs == null ? null : vs.serializer(), p.partitioner()));
    }

    @Override
    public KStream<K, V> repartition() {
        return repartition(Repartitioned.with(null, null));
    }

    @Override
    public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
        RepartitionedInternal<K, V> r = new RepartitionedInternal<>(Objects.requireNonNull(repartitioned, "repartitioned"));
        String base = r.name() != null ? r.name() : builder.newName("KSTREAM-REPARTITION-");
        String topic = base + "-repartition";
        String sinkName = builder.nameOr(r.name() != null ? topic + "-sink" : null, "KSTREAM-SINK-");
        String filterName = builder.nameOr(r.name() != null ? topic + "-filter" : null, "KSTREAM-FILTER-");
        String sourceName = builder.nameOr(r.name() != null ? topic + "-source" : null, "KSTREAM-SOURCE-");
        // like Kafka Streams, records with a null key are not written to a repartition topic
        builder.addProcessor(filterName, () -> new FilterProcessor<K, V>((k, v) -> k != null, true), nodeName);
        Serde<K> ks = r.keySerde() != null ? r.keySerde() : keySerde;
        Serde<V> vs = r.valueSerde() != null ? r.valueSerde() : valueSerde;
        builder.topology().addRepartitionTopic(new RepartitionTopicSpec(topic, r.partitions()));
        builder.topology().addSink(new SinkSpec(sinkName, List.of(filterName), TopicRef.internal(topic), null,
                ks == null ? null : ks.serializer(), vs == null ? null : vs.serializer(), r.partitioner()));
        builder.topology().addSource(new SourceSpec(sourceName, List.of(TopicRef.internal(topic)),
                ks == null ? null : ks.deserializer(), vs == null ? null : vs.deserializer(), null));
        return new KStreamImpl<>(builder, sourceName, ks, vs, false);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, String... stateStoreNames) {
        return process(processorSupplier, null, stateStoreNames);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, Named named,
            String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier");
        String name = builder.nameOr(NamedInternal.nameOf(named), "KSTREAM-PROCESSOR-");
        builder.topology().addProcessor(new ProcessorSpec(name, List.of(nodeName), processorSupplier, null,
                stores(stateStoreNames)));
        return new KStreamImpl<>(builder, name, null, null, true);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, String... stateStoreNames) {
        return processValues(processorSupplier, null, stateStoreNames);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, Named named,
            String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier");
        String name = builder.nameOr(NamedInternal.nameOf(named), "KSTREAM-PROCESSVALUES-");
        builder.topology().addProcessor(new ProcessorSpec(name, List.of(nodeName), null, processorSupplier,
                stores(stateStoreNames)));
        return new KStreamImpl<>(builder, name, keySerde, null, repartitionRequired);
    }

    private static List<String> stores(String... names) {
        return names == null ? List.of() : List.of(names);
    }
}
