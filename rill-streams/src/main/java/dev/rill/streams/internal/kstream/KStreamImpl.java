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
import dev.rill.streams.kstream.JoinWindows;
import dev.rill.streams.kstream.Joined;
import dev.rill.streams.kstream.StreamJoined;
import dev.rill.streams.kstream.KGroupedStream;
import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.ValueJoiner;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.kstream.Named;
import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.kstream.Printed;
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
    private JoinRepartition<K, V> joinRepartition;

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
        GroupedInternal<KR, V> g = new GroupedInternal<>(Objects.requireNonNull(grouped, "grouped"));
        // a Grouped name also names the key-selecting node, as in Kafka Streams
        KStreamImpl<KR, V> keyed = (KStreamImpl<KR, V>) (g.name() != null
                ? selectKey(keySelector, Named.as(g.name())) : selectKey(keySelector));
        return new KGroupedStreamImpl<>(builder, keyed, g);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return join(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                        Joined<K, V, VT> joined) {
        Objects.requireNonNull(joiner, "joiner");
        return tableJoin(table, (k, v, vt) -> joiner.apply(v, vt), joined, false);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return join(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                        Joined<K, V, VT> joined) {
        return tableJoin(table, joiner, joined, false);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                            Joined<K, V, VT> joined) {
        return tableJoin(table, joiner, joined, true);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                            Joined<K, V, VT> joined) {
        Objects.requireNonNull(joiner, "joiner");
        return tableJoin(table, (k, v, vt) -> joiner.apply(v, vt), joined, true);
    }

    private <VT, VR> KStream<K, VR> tableJoin(KTable<K, VT> table,
                                              ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                              Joined<K, V, VT> joined, boolean left) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(joiner, "joiner");
        JoinedInternal<K, V, VT> j = new JoinedInternal<>(Objects.requireNonNull(joined, "joined"));
        if (j.gracePeriod() != null && !j.gracePeriod().isZero()) {
            throw new TopologyException("Invalid topology: the stream-table join" + (j.name() == null ? "" : " '"
                    + j.name() + "'") + " has a grace period of " + j.gracePeriod() + "; a grace period needs a "
                    + "versioned table store, which Rill Streams does not support. Remove the grace period (or set "
                    + "it to Duration.ZERO).");
        }
        if (!(table instanceof KTableImpl<K, VT> t)) {
            throw new TopologyException("join() needs a table from the same StreamsBuilder.");
        }
        KTableImpl<K, VT> lookup = t.forLookup(builder);
        // a left join keeps records whose new key is null (KIP-962): they join with no table row
        // like Kafka Streams: the repartition topic is named after the join (or this stream's node), with Joined's serdes
        KStreamImpl<K, V> input = repartitionRequired
                ? repartitionForJoin(j.name() != null ? j.name() : nodeName, j.name() != null, j.keySerde(),
                        j.valueSerde(), left)
                : this;
        String name = builder.nameOr(j.name(), left ? "KSTREAM-LEFTJOIN-" : "KSTREAM-JOIN-");
        String store = lookup.storeName();
        builder.addStatefulProcessor(name, () -> new StreamTableJoinProcessor<K, V, VT, VR>(store, left, joiner), null,
                List.of(store), input.nodeName);
        return new KStreamImpl<>(builder, name, keySerde, null, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return streamJoin(otherStream, withKey(joiner), windows, StreamJoined.with(null, null, null), false, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows) {
        return streamJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null), false, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                        StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, withKey(joiner), windows, streamJoined, false, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, joiner, windows, streamJoined, false, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows) {
        return streamJoin(otherStream, withKey(joiner), windows, StreamJoined.with(null, null, null), true, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows) {
        return streamJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null), true, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, withKey(joiner), windows, streamJoined, true, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, joiner, windows, streamJoined, true, false);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows) {
        return streamJoin(otherStream, withKey(joiner), windows, StreamJoined.with(null, null, null), true, true);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows) {
        return streamJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null), true, true);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, withKey(joiner), windows, streamJoined, true, true);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return streamJoin(otherStream, joiner, windows, streamJoined, true, true);
    }

    private static <K, V, VO, VR> ValueJoinerWithKey<K, V, VO, VR> withKey(
            ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        Objects.requireNonNull(joiner, "joiner cannot be null: pass a ValueJoiner (value, otherValue) -> result");
        return (k, v, vo) -> joiner.apply(v, vo);
    }

    /** A stream-stream join (see {@link StreamStreamJoinBuilder}), after repartitioning either side if needed. */
    private <VO, VR> KStream<K, VR> streamJoin(KStream<K, VO> otherStream,
                                               ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                               JoinWindows windows, StreamJoined<K, V, VO> streamJoined,
                                               boolean leftOuter, boolean rightOuter) {
        Objects.requireNonNull(otherStream, "otherStream cannot be null: pass the KStream to join with");
        Objects.requireNonNull(joiner, "joiner cannot be null: pass a ValueJoiner or ValueJoinerWithKey");
        Objects.requireNonNull(windows, "windows cannot be null: a stream-stream join needs JoinWindows saying how "
                + "far apart matching records may be, e.g. JoinWindows.ofTimeDifferenceWithNoGrace("
                + "Duration.ofMinutes(5)); to join with the latest value per key instead, join with a KTable");
        Objects.requireNonNull(streamJoined, "streamJoined cannot be null: pass StreamJoined.with(keySerde, "
                + "valueSerde, otherValueSerde) or use the overload without it");
        if (!(otherStream instanceof KStreamImpl<K, VO> other) || other.builder != builder) {
            throw new TopologyException("Invalid topology: join() needs the other stream to come from the same "
                    + "StreamsBuilder as this one; build both streams with one StreamsBuilder.");
        }
        StreamJoinedInternal<K, V, VO> joined = new StreamJoinedInternal<>(streamJoined);
        String name = joined.name();
        // like Kafka Streams: repartition topics <name>-left/-right, or named after each side's node
        // a repartition topic facing an input that is not repartitioned gets that input's partition count, as Kafka
        // Streams' co-partitioning gives it; two repartition topics each keep their writer's count
        KStreamImpl<K, V> joinThis = repartitionRequired
                ? repartitionForJoin(name != null ? name + "-left" : nodeName, joined.keySerde(), joined.valueSerde(),
                        !other.repartitionRequired)
                : this;
        KStreamImpl<K, VO> joinOther = other.repartitionRequired
                ? other.repartitionForJoin(name != null ? name + "-right" : other.nodeName, joined.keySerde(),
                        joined.otherValueSerde(), !repartitionRequired)
                : other;
        return new StreamStreamJoinBuilder<K, V, VO>(builder, leftOuter, rightOuter)
                .join(joinThis, joinOther, joiner, windows, joined);
    }

    /** Repartitions for a stream-stream join; null keys pass (the join handles them), names follow Kafka Streams. */
    private KStreamImpl<K, V> repartitionForJoin(String base, Serde<K> keySerdeOverride, Serde<V> valueSerdeOverride,
                                                 boolean partitionedLikeReader) {
        return repartitionForJoin(base, !base.matches("KSTREAM.*-[0-9]{10}"), keySerdeOverride, valueSerdeOverride,
                true, partitionedLikeReader);
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

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                            KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named) {
        Objects.requireNonNull(joiner, "joiner");
        return globalJoin(globalTable, keySelector, (k, v, gv) -> joiner.apply(v, gv),
                Objects.requireNonNull(named, "named"), false);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                            KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                            Named named) {
        return globalJoin(globalTable, keySelector, joiner, Objects.requireNonNull(named, "named"), false);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named) {
        Objects.requireNonNull(joiner, "joiner");
        return globalJoin(globalTable, keySelector, (k, v, gv) -> joiner.apply(v, gv),
                Objects.requireNonNull(named, "named"), true);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                                Named named) {
        return globalJoin(globalTable, keySelector, joiner, Objects.requireNonNull(named, "named"), true);
    }

    private <GK, GV, RV> KStream<K, RV> globalJoin(GlobalKTable<GK, GV> globalTable,
                                                   KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                   ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                                   boolean left) {
        return globalJoin(globalTable, keySelector, joiner, null, left);
    }

    private <GK, GV, RV> KStream<K, RV> globalJoin(GlobalKTable<GK, GV> globalTable,
                                                   KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                   ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                                   Named named, boolean left) {
        Objects.requireNonNull(globalTable, "globalTable");
        Objects.requireNonNull(keySelector, "keySelector");
        Objects.requireNonNull(joiner, "joiner");
        String store = globalTable.queryableStoreName();
        // Kafka Streams names both global-table joins LEFTJOIN
        String name = builder.nameOr(NamedInternal.nameOf(named), "KSTREAM-LEFTJOIN-");
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
        return toTable(null, materialized);
    }

    @Override
    public KTable<K, V> toTable(Named named) {
        return toTable(Objects.requireNonNull(named, "named"), Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> toTable(Named named,
                                Materialized<K, V, ? extends dev.rill.streams.processor.StateStore> materialized) {
        KStreamImpl<K, V> input = repartitionRequired ? (KStreamImpl<K, V>) repartition() : this;
        MaterializedInternal<K, V, dev.rill.streams.processor.StateStore> m = new MaterializedInternal<>(
                Objects.requireNonNull(materialized, "materialized"), builder, "KSTREAM-TOTABLE-STATE-STORE-");
        String name = builder.nameOr(NamedInternal.nameOf(named), "KSTREAM-TOTABLE-");
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
    public void print(Printed<K, V> printed) {
        Objects.requireNonNull(printed, "printed can't be null");
        PrintedInternal<K, V> p = new PrintedInternal<>(printed);
        String name = builder.nameOr(p.name(), "KSTREAM-PRINTER-");
        builder.addProcessor(name, p.processors(nodeName), nodeName);
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
        return repartition(repartitioned, false);
    }

    /**
     * Repartitions for a stream-table join, as Kafka Streams does: through {@code <base>-repartition}, with the join's
     * serdes where given; its nodes are named after the topic when the join is named, else generated.
     */
    /**
     * The repartitioning before a grouped aggregation: through {@code <base>-repartition}, with nodes named after it
     * when the user named the grouping and generated names otherwise, as in Kafka Streams.
     */
    KStreamImpl<K, V> repartitionForGrouping(String base, boolean named, Serde<K> ks, Serde<V> vs) {
        return repartitionForJoin(base, named, ks, vs, false);
    }

    private KStreamImpl<K, V> repartitionForJoin(String base, boolean named, Serde<K> keySerdeOverride,
                                                 Serde<V> valueSerdeOverride, boolean keepNullKeys) {
        return repartitionForJoin(base, named, keySerdeOverride, valueSerdeOverride, keepNullKeys, false);
    }

    /** With {@code partitionedLikeReader}, the topic takes the partition count of the join's other input. */
    private KStreamImpl<K, V> repartitionForJoin(String base, boolean named, Serde<K> keySerdeOverride,
                                                 Serde<V> valueSerdeOverride, boolean keepNullKeys,
                                                 boolean partitionedLikeReader) {
        String topic = base + "-repartition";
        String sinkName = builder.nameOr(named ? topic + "-sink" : null, "KSTREAM-SINK-");
        String filterName = builder.nameOr(named ? topic + "-filter" : null, "KSTREAM-FILTER-");
        String sourceName = builder.nameOr(named ? topic + "-source" : null, "KSTREAM-SOURCE-");
        if (joinRepartition != null && joinRepartition.topic.equals(topic)) {
            // like Kafka Streams: a second join through the same topic reuses it (the names above are still used up);
            // a left join among them keeps null keys (KIP-962), an inner join drops them itself
            joinRepartition.keepNullKeys.compareAndSet(false, keepNullKeys);
            return joinRepartition.stream;
        }
        java.util.concurrent.atomic.AtomicBoolean keepNull = new java.util.concurrent.atomic.AtomicBoolean(keepNullKeys);
        builder.addProcessor(filterName, () -> new FilterProcessor<K, V>((k, v) -> keepNull.get() || k != null, true),
                nodeName);
        Serde<K> ks = keySerdeOverride != null ? keySerdeOverride : keySerde;
        Serde<V> vs = valueSerdeOverride != null ? valueSerdeOverride : valueSerde;
        builder.topology().addRepartitionTopic(new RepartitionTopicSpec(topic, null, partitionedLikeReader));
        builder.topology().addSink(new SinkSpec(sinkName, List.of(filterName), TopicRef.internal(topic), null,
                ks == null ? null : ks.serializer(), vs == null ? null : vs.serializer(), null));
        builder.topology().addSource(new SourceSpec(sourceName, List.of(TopicRef.internal(topic)),
                ks == null ? null : ks.deserializer(), vs == null ? null : vs.deserializer(), null));
        KStreamImpl<K, V> result = new KStreamImpl<>(builder, sourceName, ks, vs, false);
        joinRepartition = new JoinRepartition<>(topic, result, keepNull);
        return result;
    }

    /** The repartition a stream-table join of this stream made, for the next join to reuse. */
    private record JoinRepartition<K, V>(String topic, KStreamImpl<K, V> stream,
                                         java.util.concurrent.atomic.AtomicBoolean keepNullKeys) {
    }

    /** Repartitions through an internal topic; records with a null key are dropped unless {@code keepNullKeys}. */
    private KStreamImpl<K, V> repartition(Repartitioned<K, V> repartitioned, boolean keepNullKeys) {
        RepartitionedInternal<K, V> r = new RepartitionedInternal<>(Objects.requireNonNull(repartitioned, "repartitioned"));
        String base = r.name() != null ? r.name() : builder.newName("KSTREAM-REPARTITION-");
        String topic = base + "-repartition";
        String sinkName = builder.nameOr(r.name() != null ? topic + "-sink" : null, "KSTREAM-SINK-");
        String filterName = builder.nameOr(r.name() != null ? topic + "-filter" : null, "KSTREAM-FILTER-");
        String sourceName = builder.nameOr(r.name() != null ? topic + "-source" : null, "KSTREAM-SOURCE-");
        // like Kafka Streams, records with a null key are not written to a repartition topic (but for a left join)
        builder.addProcessor(filterName, () -> new FilterProcessor<K, V>((k, v) -> keepNullKeys || k != null, true),
                nodeName);
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
