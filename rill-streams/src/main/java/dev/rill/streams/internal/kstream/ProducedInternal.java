package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Produced;
import dev.rill.streams.processor.StreamPartitioner;
import org.apache.kafka.common.serialization.Serde;

/** Read access to a {@link Produced}. */
final class ProducedInternal<K, V> extends Produced<K, V> {
    ProducedInternal(Produced<K, V> p) {
        super(p);
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    StreamPartitioner<? super K, ? super V> partitioner() {
        return partitioner;
    }

    String name() {
        return processorName;
    }
}
