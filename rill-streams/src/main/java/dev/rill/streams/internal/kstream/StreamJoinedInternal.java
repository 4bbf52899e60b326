package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.StreamJoined;
import dev.rill.streams.state.WindowBytesStoreSupplier;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/** Read access to a {@link StreamJoined}. */
final class StreamJoinedInternal<K, V1, V2> extends StreamJoined<K, V1, V2> {
    StreamJoinedInternal(StreamJoined<K, V1, V2> streamJoined) {
        super(streamJoined);
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V1> valueSerde() {
        return valueSerde;
    }

    Serde<V2> otherValueSerde() {
        return otherValueSerde;
    }

    WindowBytesStoreSupplier thisStoreSupplier() {
        return thisStoreSupplier;
    }

    WindowBytesStoreSupplier otherStoreSupplier() {
        return otherStoreSupplier;
    }

    String name() {
        return name;
    }

    String storeName() {
        return storeName;
    }

    boolean loggingEnabled() {
        return loggingEnabled;
    }

    Map<String, String> logConfig() {
        return topicConfig;
    }
}
