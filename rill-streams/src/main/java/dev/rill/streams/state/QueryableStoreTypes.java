package dev.rill.streams.state;

import dev.rill.streams.internal.state.CompositeReadOnlyKeyValueStore;
import dev.rill.streams.internal.state.CompositeReadOnlySessionStore;
import dev.rill.streams.internal.state.CompositeReadOnlyWindowStore;
import dev.rill.streams.processor.StateStore;
import java.util.List;
import java.util.function.Supplier;

/** The store kinds interactive queries support. */
public final class QueryableStoreTypes {
    /** Only static factories; the constructor is public as in Kafka Streams, for code that instantiates it. */
    public QueryableStoreTypes() {
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

    /** Window stores; values of timestamped window stores are returned without their timestamp. */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof ReadOnlyWindowStore<?, ?>;
            }

            @Override
            public ReadOnlyWindowStore<K, V> create(Supplier<List<StateStore>> stores) {
                return new CompositeReadOnlyWindowStore<>(stores, true);
            }
        };
    }

    /** Timestamped window stores (the windowed DSL's), values with their timestamps. */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> timestampedWindowStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof TimestampedWindowStore<?, ?>;
            }

            @Override
            public ReadOnlyWindowStore<K, ValueAndTimestamp<V>> create(Supplier<List<StateStore>> stores) {
                return new CompositeReadOnlyWindowStore<>(stores, false);
            }
        };
    }

    /** Session stores. */
    public static <K, V> QueryableStoreType<ReadOnlySessionStore<K, V>> sessionStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof ReadOnlySessionStore<?, ?>;
            }

            @Override
            public ReadOnlySessionStore<K, V> create(Supplier<List<StateStore>> stores) {
                return new CompositeReadOnlySessionStore<>(stores);
            }
        };
    }
}
