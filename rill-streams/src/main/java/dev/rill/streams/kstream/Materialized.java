package dev.rill.streams.kstream;

import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.SessionBytesStoreSupplier;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.WindowBytesStoreSupplier;
import dev.rill.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * How a KTable is stored: the store name (queryable, and the changelog topic is
 * {@code <application.id>-<name>-changelog}), or a store supplier, serdes, and whether logging (default on) and
 * caching (default on) are enabled.
 *
 * <pre>{@code
 * stream.groupByKey().count(Materialized.as("payment-counts"));
 * }</pre>
 */
public class Materialized<K, V, S extends StateStore> {
    protected String storeName;
    protected KeyValueBytesStoreSupplier supplier;
    protected WindowBytesStoreSupplier windowSupplier;
    protected SessionBytesStoreSupplier sessionSupplier;
    protected Serde<K> keySerde;
    protected Serde<V> valueSerde;
    protected boolean loggingEnabled = true;
    protected boolean cachingEnabled = true;
    protected Map<String, String> topicConfig = new HashMap<>();
    protected java.time.Duration retention;
    protected dev.rill.streams.state.DslStoreSuppliers dslStoreSuppliers;

    protected Materialized() {
    }

    protected Materialized(Materialized<K, V, S> other) {
        this.storeName = other.storeName;
        this.supplier = other.supplier;
        this.windowSupplier = other.windowSupplier;
        this.sessionSupplier = other.sessionSupplier;
        this.keySerde = other.keySerde;
        this.valueSerde = other.valueSerde;
        this.loggingEnabled = other.loggingEnabled;
        this.cachingEnabled = other.cachingEnabled;
        this.topicConfig = new HashMap<>(other.topicConfig);
        this.retention = other.retention;
        this.dslStoreSuppliers = other.dslStoreSuppliers;
    }

    /** A store of the given name (RocksDB). */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(String storeName) {
        Named.validate(storeName);
        Materialized<K, V, S> m = new Materialized<>();
        m.storeName = storeName;
        return m;
    }

    /**
     * A store with a generated name whose kind {@code storeSuppliers} chooses (e.g.
     * {@code BuiltInDslStoreSuppliers.IN_MEMORY}).
     */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(
            dev.rill.streams.state.DslStoreSuppliers storeSuppliers) {
        Materialized<K, V, S> m = new Materialized<>();
        m.dslStoreSuppliers = Objects.requireNonNull(storeSuppliers, "storeSuppliers");
        return m;
    }

    /**
     * Lets {@code storeSuppliers} choose the store kind (RocksDB, in-memory or a custom one); a store supplier given
     * with {@code as(...)} still takes precedence.
     */
    public Materialized<K, V, S> withStoreType(dev.rill.streams.state.DslStoreSuppliers storeSuppliers) {
        this.dslStoreSuppliers = Objects.requireNonNull(storeSuppliers, "storeSuppliers");
        return this;
    }

    /** A store from the given supplier (e.g. {@code Stores.inMemoryKeyValueStore("name")}). */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(KeyValueBytesStoreSupplier supplier) {
        Materialized<K, V, S> m = new Materialized<>();
        m.supplier = Objects.requireNonNull(supplier, "supplier");
        m.storeName = supplier.name();
        return m;
    }

    /** A window store from the given supplier, for a time or sliding window aggregation. */
    public static <K, V> Materialized<K, V, WindowStore<Bytes, byte[]>> as(WindowBytesStoreSupplier supplier) {
        Materialized<K, V, WindowStore<Bytes, byte[]>> m = new Materialized<>();
        m.windowSupplier = Objects.requireNonNull(supplier, "supplier");
        m.storeName = supplier.name();
        return m;
    }

    /** A session store from the given supplier, for a session window aggregation. */
    public static <K, V> Materialized<K, V, SessionStore<Bytes, byte[]>> as(SessionBytesStoreSupplier supplier) {
        Materialized<K, V, SessionStore<Bytes, byte[]>> m = new Materialized<>();
        m.sessionSupplier = Objects.requireNonNull(supplier, "supplier");
        m.storeName = supplier.name();
        return m;
    }

    /** An unnamed store with the given serdes. */
    public static <K, V, S extends StateStore> Materialized<K, V, S> with(Serde<K> keySerde, Serde<V> valueSerde) {
        Materialized<K, V, S> m = new Materialized<>();
        m.keySerde = keySerde;
        m.valueSerde = valueSerde;
        return m;
    }

    public Materialized<K, V, S> withKeySerde(Serde<K> keySerde) {
        this.keySerde = keySerde;
        return this;
    }

    public Materialized<K, V, S> withValueSerde(Serde<V> valueSerde) {
        this.valueSerde = valueSerde;
        return this;
    }

    public Materialized<K, V, S> withLoggingEnabled(Map<String, String> config) {
        this.loggingEnabled = true;
        this.topicConfig = new HashMap<>(Objects.requireNonNull(config, "config"));
        return this;
    }

    public Materialized<K, V, S> withLoggingDisabled() {
        this.loggingEnabled = false;
        this.topicConfig = new HashMap<>();
        return this;
    }

    public Materialized<K, V, S> withCachingEnabled() {
        this.cachingEnabled = true;
        return this;
    }

    public Materialized<K, V, S> withCachingDisabled() {
        this.cachingEnabled = false;
        return this;
    }

    /**
     * How long a windowed store keeps windows (window stores and session stores only; ignored by key-value stores).
     * Default: the window size (or inactivity gap) plus the grace period; it may not be shorter than that.
     */
    public Materialized<K, V, S> withRetention(java.time.Duration retention) {
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("Retention must not be negative but was " + retention
                    + "; pass a retention of at least the window size plus the grace period.");
        }
        this.retention = retention;
        return this;
    }
}
