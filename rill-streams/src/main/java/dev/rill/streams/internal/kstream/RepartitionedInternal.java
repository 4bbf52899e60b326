package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Repartitioned;
import dev.rill.streams.processor.StreamPartitioner;
import org.apache.kafka.common.serialization.Serde;

/** Read access to a {@link Repartitioned}. */
final class RepartitionedInternal<K, V> extends Repartitioned<K, V> {
    RepartitionedInternal(Repartitioned<K, V> r) {
        super(r);
    }

    String name() {
        return name;
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    Integer partitions() {
        return numberOfPartitions;
    }

    StreamPartitioner<K, V> partitioner() {
        return partitioner;
    }
}
