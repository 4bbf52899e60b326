package dev.rill.streams.state;

import dev.rill.streams.internal.state.CompositeReadOnlyKeyValueStore;
import dev.rill.streams.processor.StateStore;
import java.util.List;
import java.util.function.Supplier;

/** The store kinds interactive queries support. */
public final class QueryableStoreTypes {
    private QueryableStoreTypes() {
    }

    /** Key-value stores; values of timestamped stores are returned without their timestamp. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValueStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof KeyValueStore<?, ?>;
            }

            @Override
            public ReadOnlyKeyValueStore<K, V> create(Supplier<List<StateStore>> stores) {
                return new CompositeReadOnlyKeyValueStore<>(stores, true);
            }
        };
    }

    /** Timestamped key-value stores (the DSL's), values with their timestamps. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> timestampedKeyValueStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof TimestampedKeyValueStore<?, ?>;
            }

            @Override
            public ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>> create(Supplier<List<StateStore>> stores) {
                return new CompositeReadOnlyKeyValueStore<>(stores, false);
            }
        };
    }
}
