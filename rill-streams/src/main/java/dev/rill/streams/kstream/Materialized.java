package dev.rill.streams.kstream;

import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
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
    protected Serde<K> keySerde;
    protected Serde<V> valueSerde;
    protected boolean loggingEnabled = true;
    protected boolean cachingEnabled = true;
    protected Map<String, String> topicConfig = new HashMap<>();

    protected Materialized() {
    }

    protected Materialized(Materialized<K, V, S> other) {
        this.storeName = other.storeName;
        this.supplier = other.supplier;
        this.keySerde = other.keySerde;
        this.valueSerde = other.valueSerde;
        this.loggingEnabled = other.loggingEnabled;
        this.cachingEnabled = other.cachingEnabled;
        this.topicConfig = new HashMap<>(other.topicConfig);
    }

    /** A store of the given name (RocksDB). */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(String storeName) {
        Named.validate(storeName);
        Materialized<K, V, S> m = new Materialized<>();
        m.storeName = storeName;
        return m;
    }

    /** A store from the given supplier (e.g. {@code Stores.inMemoryKeyValueStore("name")}). */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(KeyValueBytesStoreSupplier supplier) {
        Materialized<K, V, S> m = new Materialized<>();
        m.supplier = Objects.requireNonNull(supplier, "supplier");
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
}
