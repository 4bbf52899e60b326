package dev.rill.streams.internal.kstream;

import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.RepartitionTopicSpec;
import dev.rill.streams.internal.topology.SinkSpec;
import dev.rill.streams.internal.topology.SourceSpec;
import dev.rill.streams.internal.topology.TopicRef;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.TableJoined;
import dev.rill.streams.kstream.ValueJoiner;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.state.Stores;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Adds the nodes, topics and stores of a foreign-key join (see {@link ForeignKeyJoin}) with Kafka Streams' names:
 * generated ({@code KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic}, ...) or derived from
 * {@link TableJoined#as(String)} ({@code <name>-subscription-registration-topic}, ...); either way every name uses
 * one index, so the names of later operators are the same as in Kafka Streams.
 */
final class ForeignKeyJoinBuilder<K, V, KO, VO, VR> {
    private final InternalStreamsBuilder builder;
    private final InternalTopologyBuilder topology;
    private final String baseName;

    private ForeignKeyJoinBuilder(InternalStreamsBuilder builder, String baseName) {
        this.builder = builder;
        this.topology = builder.topology();
        this.baseName = baseName;
    }

    private String next(String prefix, String namedSuffix, String generatedSuffix) {
        String generated = builder.newName(prefix);
        return baseName == null ? generated + generatedSuffix : baseName + namedSuffix;
    }

    private String next(String prefix, String namedSuffix) {
        return next(prefix, namedSuffix, "");
    }

    static <K, V, KO, VO, VR> KTableImpl<K, VR> join(KTableImpl<K, V> left, KTableImpl<KO, VO> right,
                                                    BiFunction<K, V, KO> extractor,
                                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                                    TableJoined<K, KO> tableJoined,
                                                    Materialized<K, VR, ? extends StateStore> materialized,
                                                    boolean leftJoin) {
        TableJoinedInternal<K, KO> options = new TableJoinedInternal<>(tableJoined);
        return new ForeignKeyJoinBuilder<K, V, KO, VO, VR>(left.builder(), options.name())
                .build(left, right, extractor, joiner, options, materialized, leftJoin);
    }

    private KTableImpl<K, VR> build(KTableImpl<K, V> left, KTableImpl<KO, VO> right, BiFunction<K, V, KO> extractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    TableJoinedInternal<K, KO> options,
                                    Materialized<K, VR, ? extends StateStore> materialized, boolean leftJoin) {
        ForeignKeyJoinLeft.Serdes<K, V, KO, VO> serdes = new ForeignKeyJoinLeft.Serdes<>(left.keySerde(),
                left.valueSerde(), right.keySerde(), right.valueSerde());
        String registrationTopic = next("KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-", "-subscription-registration-topic",
                "-topic");
        String sender = next("KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-", "-subscription-registration-processor");
        String registrationSink = next("KTABLE-SINK-", "-subscription-registration-sink");
        String registrationSource = next("KTABLE-SOURCE-", "-subscription-registration-source");
        String subscriptionStore = next("KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-", "-subscription-store");
        String receiver = next("KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-", "-subscription-receive");
        String answerer = next("KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-", "-subscription-join-foreign");
        String rightChange = next("KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-", "-foreign-join-subscription");
        String responseTopic = next("KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-", "-subscription-response-topic", "-topic");
        String responseSink = next("KTABLE-SINK-", "-subscription-response-sink");
        String responseSource = next("KTABLE-SOURCE-", "-subscription-response-source");
        String resolver = next("KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-",
                "-subscription-response-resolver");
        String output = next("KTABLE-FK-JOIN-OUTPUT-", "-result");
        MaterializedInternal<K, VR, StateStore> result = new MaterializedInternal<>(
                materialized != null ? materialized : Materialized.with(null, null), builder,
                "KTABLE-FK-JOIN-OUTPUT-STATE-STORE-");

        // left table -> subscriptions, partitioned like the right table
        topology.addRepartitionTopic(new RepartitionTopicSpec(registrationTopic, null, true));
        builder.addProcessor(sender, () -> new ForeignKeyJoinLeft.SubscriptionSender<K, V, KO>(extractor, leftJoin,
                serdes, registrationTopic), left.nodeName());
        topology.addSink(new SinkSpec(registrationSink, List.of(sender), TopicRef.internal(registrationTopic), null,
                serializerOrDefault(right.keySerde()), new ByteArraySerializer(),
                new ForeignKeyJoin.SubscriptionPartitioner<>(options.otherPartitioner())));
        topology.addSource(bytesSource(registrationSource, registrationTopic));

        // right table: keeps subscriptions, answers them and every change of a subscribed row
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(subscriptionStore),
                Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStatefulProcessor(receiver, () -> new ForeignKeyJoinRight.SubscriptionReceiver(subscriptionStore),
                null, List.of(subscriptionStore), registrationSource);
        builder.addStatefulProcessor(answerer, () -> new ForeignKeyJoinRight.SubscriptionAnswerer<K, KO, VO>(
                right.storeName(), serdes, registrationTopic), null, List.of(right.storeName()), receiver);
        builder.addStatefulProcessor(rightChange, () -> new ForeignKeyJoinRight.RightChangeAnswerer<K, KO, VO>(
                subscriptionStore, serdes, responseTopic), null, List.of(subscriptionStore), right.nodeName());

        // responses, partitioned like the left table, back to the left row's task
        topology.addRepartitionTopic(new RepartitionTopicSpec(responseTopic, null, true));
        topology.addSink(new SinkSpec(responseSink, List.of(answerer, rightChange), TopicRef.internal(responseTopic),
                null, serializerOrDefault(left.keySerde()), new ByteArraySerializer(),
                new ForeignKeyJoin.ResponsePartitioner<>(options.partitioner())));
        topology.addSource(bytesSource(responseSource, responseTopic));
        builder.addStatefulProcessor(resolver, () -> new ForeignKeyJoinLeft.ResponseResolver<K, V, KO, VO, VR>(
                left.storeName(), joiner, leftJoin, serdes, responseTopic), null, List.of(left.storeName()),
                responseSource);
        return output(output, resolver, result, materialized != null, left.keySerde());
    }

    /**
     * The join's result table. Its store (named or generated like Kafka Streams') is added now if the user asked
     * for one, else only when a downstream operator needs old values or a store: then the output node keeps the
     * latest result per key and forwards each update with the value it replaces.
     */
    private KTableImpl<K, VR> output(String output, String resolver, MaterializedInternal<K, VR, StateStore> result,
                                     boolean materializeNow, Serde<K> keySerde) {
        String[] store = new String[1];
        builder.addProcessor(output, outputSupplier(store), resolver);
        Runnable materialize = () -> {
            if (store[0] == null) {
                topology.addStateStore(result.storeBuilder(keySerde, null));
                topology.connectProcessorAndStore(output, result.storeName());
                store[0] = result.storeName();
            }
        };
        if (materializeNow) {
            materialize.run();
        }
        return KTableImpl.withLazyStore(builder, output, store[0], keySerde, result.valueSerde(), () -> {
            materialize.run();
            return store[0];
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K, VR> ProcessorSupplier<K, Change<VR>, K, Change<VR>> outputSupplier(String[] store) {
        return () -> store[0] == null ? new PassThroughProcessor<>()
                : (dev.rill.streams.processor.api.Processor) new TableMaterializeProcessor<K, VR>(store[0], true);
    }

    private static SourceSpec bytesSource(String name, String topic) {
        return new SourceSpec(name, List.of(TopicRef.internal(topic)), new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), null);
    }

    private static <T> Serializer<T> serializerOrDefault(Serde<T> serde) {
        return serde == null ? null : serde.serializer();
    }
}
