package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Grouped;
import org.apache.kafka.common.serialization.Serde;

/** Read access to a {@link Grouped}. */
final class GroupedInternal<K, V> extends Grouped<K, V> {
    GroupedInternal(Grouped<K, V> g) {
        super(g);
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
}
