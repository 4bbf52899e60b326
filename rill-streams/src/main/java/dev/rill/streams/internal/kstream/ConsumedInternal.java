package dev.rill.streams.internal.kstream;

import dev.rill.streams.AutoOffsetReset;
import dev.rill.streams.kstream.Consumed;
import dev.rill.streams.processor.TimestampExtractor;
import org.apache.kafka.common.serialization.Serde;

/** Read access to a {@link Consumed}. */
final class ConsumedInternal<K, V> extends Consumed<K, V> {
    ConsumedInternal(Consumed<K, V> c) {
        super(c);
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    TimestampExtractor timestampExtractor() {
        return timestampExtractor;
    }

    AutoOffsetReset resetPolicy() {
        return resetPolicy;
    }

    String name() {
        return processorName;
    }
}
