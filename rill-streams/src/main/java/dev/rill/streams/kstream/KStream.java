package dev.rill.streams.kstream;

import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.TopicNameExtractor;
import dev.rill.streams.processor.api.FixedKeyProcessorSupplier;
import dev.rill.streams.processor.api.ProcessorSupplier;

/**
 * An unbounded stream of records. Every operation adds a node to the topology and returns a new stream; records
 * keep their timestamp and headers through every stateless operation.
 *
 * <pre>{@code
 * builder.<String, String>stream("payment")
 *        .filter((key, value) -> key.equals("unknown"))
 *        .to("unknown-payment");
 * }</pre>
 */
public interface KStream<K, V> {
    /** Keeps records that satisfy the predicate. */
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

    KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    /** Keeps records that do not satisfy the predicate. */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    /** Replaces key and value; marks the stream for repartitioning before any future key-based operation. */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper);

    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper,
                                 Named named);

    /** Replaces the value. */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    /** Replaces each record by zero or more records. */
    <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper);

    <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper,
            Named named);

    /** Replaces each value by zero or more values with the same key. */
    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper);

    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper);

    <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper,
                                      Named named);

    /** Sets a new key computed from key and value. */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    /** Runs an action on each record and passes it on unchanged. */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

    KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named);

    /** Prints each record, as {@code printed} says (standard output or a file); a terminal operation. */
    void print(Printed<K, V> printed);

    /** Runs an action on each record; a terminal operation. */
    void foreach(ForeachAction<? super K, ? super V> action);

    void foreach(ForeachAction<? super K, ? super V> action, Named named);

    /** Interleaves this stream with another, in processing order. */
    KStream<K, V> merge(KStream<K, V> stream);

    KStream<K, V> merge(KStream<K, V> stream, Named named);

    /** Starts splitting the stream into branches. */
    BranchedKStream<K, V> split();

    BranchedKStream<K, V> split(Named named);

    /** Writes to a topic with the stream's known serdes, else the default serdes. */
    void to(String topic);

    void to(String topic, Produced<K, V> produced);

    /** Writes each record to the topic the extractor chooses. */
    void to(TopicNameExtractor<K, V> topicExtractor);

    void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced);

    /** Writes through a repartition topic and continues from it (a new sub-topology). */
    KStream<K, V> repartition();

    KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

    /** Applies a Processor API processor, which may forward any keys and values. */
    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
                                             String... stateStoreNames);

    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
                                             Named named, String... stateStoreNames);

    /** Applies a key-preserving processor. */
    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
                                          String... stateStoreNames);

    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
                                          Named named, String... stateStoreNames);

    /** Groups by the current key (repartitioning first if an earlier operator changed the key). */
    KGroupedStream<K, V> groupByKey();

    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

    /** Groups by a new key, through a repartition topic. */
    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector);

    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped);

    /** Joins each record with the table's current value for its key; records without a match are dropped. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    /** Joins each record with the table's current value for its key, or null when the table has none. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    /**
     * Joins each record with the other stream's records of the same key whose timestamps lie within the window:
     * a record at time {@code t} meets the other stream's records from {@code t - before} to {@code t + after}, in
     * whichever order they arrive (records up to the grace period late included). Each pair gives one result with
     * the larger of the two timestamps; records without partner give nothing. Both streams are repartitioned first if
     * an earlier operator may have changed their key. Records with a null key or value are dropped.
     *
     * <pre>{@code
     * orders.join(payments, (order, payment) -> order + "/" + payment,
     *         JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMinutes(5)));
     * }</pre>
     *
     * @throws NullPointerException if an argument is null (the message names it and what to pass)
     */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows);

    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows);

    /** Like {@link #join(KStream, ValueJoiner, JoinWindows)}, with the serdes, names and stores of {@code streamJoined}. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /**
     * Like {@link #join(KStream, ValueJoiner, JoinWindows)}, and a record of this stream that found no partner by the
     * time its window closed (stream time passed its timestamp + after + grace) gives {@code joiner(value, null)}
     * with its own timestamp, then; a record with a null key gives it at once.
     */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows);

    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                     StreamJoined<K, V, VO> streamJoined);

    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /**
     * Like {@link #leftJoin(KStream, ValueJoiner, JoinWindows)} for both streams: an unmatched record of the other
     * stream gives {@code joiner(null, otherValue)} when its window closes.
     */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows);

    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                      StreamJoined<K, V, VO> streamJoined);

    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /** Turns the stream into a table (the latest value per key). */
    KTable<K, V> toTable();

    KTable<K, V> toTable(Materialized<K, V, ? extends dev.rill.streams.processor.StateStore> materialized);

    /** Joins each record with the global table's value for the key the selector computes; no match: dropped. */
    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                     KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoiner<? super V, ? super GV, ? extends RV> joiner);

    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                     KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner);

    /** Like {@link #join(GlobalKTable, KeyValueMapper, ValueJoiner)}, with null for a missing table value. */
    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoiner<? super V, ? super GV, ? extends RV> joiner);

    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner);

    /** The stream-table join whose joiner also sees the key. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                     KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named);

    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                     KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                     Named named);

    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named);

    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                         Named named);

    KTable<K, V> toTable(Named named);

    KTable<K, V> toTable(Named named, Materialized<K, V, ? extends dev.rill.streams.processor.StateStore> materialized);
}
