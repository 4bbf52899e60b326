package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Joined;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;

/** Read access to a {@link Joined}. */
final class JoinedInternal<K, V, VO> extends Joined<K, V, VO> {
    JoinedInternal(Joined<K, V, VO> joined) {
        super(joined);
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    String name() {
        return name;
    }

    Duration gracePeriod() {
        return gracePeriod;
    }
}
