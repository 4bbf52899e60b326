package dev.rill.streams.internal.kstream;

import dev.rill.streams.internal.topology.InternalTopologyBuilder;
import dev.rill.streams.internal.topology.ProcessorSpec;
import dev.rill.streams.internal.topology.SourceSpec;
import dev.rill.streams.internal.topology.TopicRef;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.processor.api.ProcessorSupplier;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/** The DSL's side of a topology: generates node names and adds DSL operators as Processor API nodes. */
public final class InternalStreamsBuilder {
    private final InternalTopologyBuilder topology;
    private int index;

    public InternalStreamsBuilder(InternalTopologyBuilder topology) {
        this.topology = topology;
    }

    InternalTopologyBuilder topology() {
        return topology;
    }

    /** A Kafka Streams-style generated name: {@code KSTREAM-FILTER-0000000001}. */
    String newName(String prefix) {
        return String.format("%s%010d", prefix, index++);
    }

    /** The given name, else a generated one; either way one index is used, as in Kafka Streams. */
    String nameOr(String given, String prefix) {
        String generated = newName(prefix);
        return given != null ? given : generated;
    }

    public <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        ConsumedInternal<K, V> c = new ConsumedInternal<>(consumed);
        String name = nameOr(c.name(), "KSTREAM-SOURCE-");
        List<TopicRef> refs = topics.stream().map(TopicRef::user).toList();
        Serde<K> ks = c.keySerde();
        Serde<V> vs = c.valueSerde();
        topology.addSource(new SourceSpec(name, refs, ks == null ? null : ks.deserializer(),
                vs == null ? null : vs.deserializer(), c.timestampExtractor()));
        return new KStreamImpl<>(this, name, ks, vs, false);
    }

    <KIn, VIn, KOut, VOut> void addProcessor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                             String... parents) {
        topology.addProcessor(new ProcessorSpec(name, List.of(parents), supplier, null, List.of()));
    }
}
