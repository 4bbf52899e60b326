package dev.rill.streams.internal.state;

import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.StoreBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** Builds the layered key-value store: typed outer store, optional cache, optional changelog, byte store. */
public final class KeyValueStoreBuilderImpl<K, V, T extends KeyValueStore<K, ?>> implements StoreBuilder<T> {
    private final KeyValueBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final boolean timestamped;
    private boolean caching;
    private boolean logging = true;
    private Map<String, String> logConfig = new HashMap<>();

    public KeyValueStoreBuilderImpl(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
                                    boolean timestamped) {
        this.supplier = Objects.requireNonNull(supplier, "supplier");
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestamped = timestamped;
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        caching = true;
        return this;
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        caching = false;
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        logging = true;
        logConfig = new HashMap<>(Objects.requireNonNull(config, "config"));
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        logging = false;
        logConfig = new HashMap<>();
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T build() {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (logging) {
            store = new ChangeLoggingKeyValueBytesStore(store);
        }
        CachingKeyValueBytesStore cache = null;
        if (caching) {
            cache = new CachingKeyValueBytesStore(store);
            store = cache;
        }
        if (timestamped) {
            return (T) new MeteredKeyValueStore.Timestamped<>(store, cache, keySerde, valueSerde);
        }
        return (T) new MeteredKeyValueStore<>(store, cache, keySerde, valueSerde, false);
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.copyOf(logConfig);
    }

    @Override
    public boolean loggingEnabled() {
        return logging;
    }

    @Override
    public String name() {
        return supplier.name();
    }

    public boolean cachingEnabled() {
        return caching;
    }
}
