package dev.rill.streams.state;

import dev.rill.streams.internal.state.InMemoryKeyValueBytesStore;
import dev.rill.streams.internal.state.KeyValueStoreBuilderImpl;
import dev.rill.streams.internal.state.RocksDbKeyValueBytesStore;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * Factory of store suppliers and builders for the Processor API.
 *
 * <pre>{@code
 * topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("counts"),
 *         Serdes.String(), Serdes.Long()), "counter");
 * }</pre>
 */
public final class Stores {
    private Stores() {
    }

    /** A RocksDB byte store. */
    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return supplier(name, "rocksdb", true);
    }

    /** A RocksDB byte store for timestamped stores (the same layout in Rill). */
    public static KeyValueBytesStoreSupplier persistentTimestampedKeyValueStore(String name) {
        return supplier(name, "rocksdb", true);
    }

    /** An in-memory byte store (restored from the changelog on every start). */
    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        return supplier(name, "in-memory", false);
    }

    private static KeyValueBytesStoreSupplier supplier(String name, String scope, boolean rocks) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A store name must not be blank but was '" + name + "'");
        }
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return rocks ? new RocksDbKeyValueBytesStore(name) : new InMemoryKeyValueBytesStore(name);
            }

            @Override
            public String metricsScope() {
                return scope;
            }
        };
    }

    /** A builder of a typed key-value store over the supplier; null serdes mean the configured defaults. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(KeyValueBytesStoreSupplier supplier,
                                                                                Serde<K> keySerde, Serde<V> valueSerde) {
        return new KeyValueStoreBuilderImpl<>(supplier, keySerde, valueSerde, false);
    }

    /** A builder of a store that keeps each value's timestamp. */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValueStoreBuilder(
            KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new KeyValueStoreBuilderImpl<>(supplier, keySerde, valueSerde, true);
    }
}
