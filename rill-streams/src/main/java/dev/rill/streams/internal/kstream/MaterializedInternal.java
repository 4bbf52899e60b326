package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.Stores;
import dev.rill.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.common.serialization.Serde;

/** Read access to a {@link Materialized}, and the store builder it describes. */
final class MaterializedInternal<K, V, S extends StateStore> extends Materialized<K, V, S> {
    private final String name;

    @SuppressWarnings("unchecked")
    MaterializedInternal(Materialized<K, V, ? extends StateStore> m, InternalStreamsBuilder builder, String prefix) {
        super((Materialized<K, V, S>) m);
        this.name = storeName != null ? storeName : builder.newName(prefix);
    }

    String storeName() {
        return name;
    }

    /** Whether the user named the store (so it may be queried). */
    boolean queryable() {
        return storeName != null;
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    StoreBuilder<TimestampedKeyValueStore<K, V>> storeBuilder(Serde<K> fallbackKey, Serde<V> fallbackValue) {
        KeyValueBytesStoreSupplier s = supplier != null ? supplier : Stores.persistentTimestampedKeyValueStore(name);
        StoreBuilder<TimestampedKeyValueStore<K, V>> b = Stores.timestampedKeyValueStoreBuilder(s,
                keySerde != null ? keySerde : fallbackKey, valueSerde != null ? valueSerde : fallbackValue);
        if (cachingEnabled) {
            b.withCachingEnabled();
        } else {
            b.withCachingDisabled();
        }
        if (loggingEnabled) {
            b.withLoggingEnabled(topicConfig);
        } else {
            b.withLoggingDisabled();
        }
        return b;
    }
}
