package dev.rill.streams.internal.state;

import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.KeyValueStore;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** Builds a key-value store: the typed key-value facade over the shared byte layers over the supplier's byte store. */
public final class KeyValueStoreBuilderImpl<K, V, T extends KeyValueStore<K, ?>> extends LayeredStoreBuilder<T> {
    private final KeyValueBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final boolean timestamped;

    public KeyValueStoreBuilderImpl(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
                                    boolean timestamped) {
        super(Objects.requireNonNull(supplier, "supplier").name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestamped = timestamped;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T build() {
        Layers layers = layer(supplier.get());
        if (timestamped) {
            return (T) new MeteredKeyValueStore.Timestamped<>(layers.top(), layers.cache(), keySerde, valueSerde);
        }
        return (T) new MeteredKeyValueStore<>(layers.top(), layers.cache(), keySerde, valueSerde, false);
    }
}
