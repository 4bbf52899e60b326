package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.SessionBytesStoreSupplier;
import dev.rill.streams.state.WindowBytesStoreSupplier;
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

    /** A read-only view that generates no name (to ask whether the user named the store). */
    MaterializedInternal(Materialized<K, V, ? extends StateStore> m) {
        super((Materialized<K, V, S>) m);
        this.name = storeName;
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

    java.time.Duration retention() {
        return retention;
    }

    /** The store of a time or sliding window aggregation (RocksDB unless a supplier was given). */
    StoreBuilder<?> windowStoreBuilder(WindowSpec spec, Serde<K> fallbackKey, Serde<V> fallbackValue) {
        if (supplier != null) {
            throw new dev.rill.streams.errors.TopologyException("Store '" + name + "' of a windowed aggregation was "
                    + "given a key-value store supplier (" + supplier.getClass().getName() + "); a windowed "
                    + "aggregation needs a window store: use Materialized.as(Stores.persistentWindowStore(...)) or "
                    + "Materialized.as(name).");
        }
        if (sessionSupplier != null) {
            throw new dev.rill.streams.errors.TopologyException("Store '" + name + "' of a time or sliding window "
                    + "aggregation was given a session store supplier; pass a window store supplier "
                    + "(Stores.persistentTimestampedWindowStore(...)) or just a name.");
        }
        java.time.Duration retention = java.time.Duration.ofMillis(spec.retention(this.retention, name));
        WindowBytesStoreSupplier s = windowSupplier != null ? windowSupplier
                : dslStoreSuppliers().windowStore(new dev.rill.streams.state.DslWindowParams(name, retention,
                java.time.Duration.ofMillis(spec.storeWindowSize()), false, null,
                spec instanceof WindowSpec.SlidingSpec, true));
        return configure(Stores.timestampedWindowStoreBuilder(s, keySerde != null ? keySerde : fallbackKey,
                valueSerde != null ? valueSerde : fallbackValue));
    }

    /** The store of a session window aggregation (RocksDB unless a supplier was given). */
    StoreBuilder<?> sessionStoreBuilder(WindowSpec spec, Serde<K> fallbackKey, Serde<V> fallbackValue) {
        if (supplier != null) {
            throw new dev.rill.streams.errors.TopologyException("Store '" + name + "' of a session aggregation was "
                    + "given a key-value store supplier (" + supplier.getClass().getName() + "); a session "
                    + "aggregation needs a session store: use Materialized.as(Stores.persistentSessionStore(...)) or "
                    + "Materialized.as(name).");
        }
        if (windowSupplier != null) {
            throw new dev.rill.streams.errors.TopologyException("Store '" + name + "' of a session window "
                    + "aggregation was given a window store supplier; pass a session store supplier "
                    + "(Stores.persistentSessionStore(...)) or just a name.");
        }
        java.time.Duration retention = java.time.Duration.ofMillis(spec.retention(this.retention, name));
        SessionBytesStoreSupplier s = sessionSupplier != null ? sessionSupplier
                : dslStoreSuppliers().sessionStore(new dev.rill.streams.state.DslSessionParams(name, retention, null));
        return configure(Stores.sessionStoreBuilder(s, keySerde != null ? keySerde : fallbackKey,
                valueSerde != null ? valueSerde : fallbackValue));
    }

    /** The suppliers chosen with {@code Materialized.as/withStoreType(DslStoreSuppliers)}, or RocksDB's. */
    private dev.rill.streams.state.DslStoreSuppliers dslStoreSuppliers() {
        return dslStoreSuppliers != null ? dslStoreSuppliers : dev.rill.streams.state.BuiltInDslStoreSuppliers.ROCKS_DB;
    }

    private <T extends StateStore> StoreBuilder<T> configure(StoreBuilder<T> b) {
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

    StoreBuilder<TimestampedKeyValueStore<K, V>> storeBuilder(Serde<K> fallbackKey, Serde<V> fallbackValue) {
        if (windowSupplier != null || sessionSupplier != null) {
            throw new dev.rill.streams.errors.TopologyException("Store '" + name + "' of a key-value table was given a "
                    + (windowSupplier != null ? "window" : "session") + " store supplier; a table of plain keys "
                    + "needs a key-value store: pass Stores.persistentTimestampedKeyValueStore(...) or just a name.");
        }
        KeyValueBytesStoreSupplier s = supplier != null ? supplier
                : dslStoreSuppliers().keyValueStore(new dev.rill.streams.state.DslKeyValueParams(name, true));
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
