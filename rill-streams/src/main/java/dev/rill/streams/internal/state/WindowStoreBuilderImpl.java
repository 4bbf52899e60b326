package dev.rill.streams.internal.state;

import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.WindowBytesStoreSupplier;
import dev.rill.streams.state.WindowStore;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** Builds a window store: the typed window facade over the shared byte layers over the supplier's byte store. */
public final class WindowStoreBuilderImpl<K, V, T extends WindowStore<K, ?>> extends LayeredStoreBuilder<T>
        implements WindowedChangelog {
    private final WindowBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final boolean timestamped;

    public WindowStoreBuilderImpl(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde,
                                  boolean timestamped) {
        super(Objects.requireNonNull(supplier, "supplier cannot be null").name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestamped = timestamped;
    }

    @Override
    public long retentionPeriod() {
        return supplier.retentionPeriod();
    }

    /**
     * A new store. A store that retains duplicates (a join buffer) never caches, as in Kafka Streams: a cache would
     * fold the duplicates together.
     */
    @Override
    @SuppressWarnings("unchecked")
    public T build() {
        KeyValueStore<Bytes, byte[]> storeKeys = StoreKeyStore.ofWindows(supplier.get(), name());
        Layers layers = layer(storeKeys, !supplier.retainDuplicates());
        if (timestamped) {
            return (T) new MeteredWindowStore.Timestamped<>(layers.top(), layers.cache(), keySerde, valueSerde,
                    supplier.windowSize(), supplier.segmentIntervalMs(), supplier.retainDuplicates());
        }
        return (T) new MeteredWindowStore<>(layers.top(), layers.cache(), keySerde, valueSerde, false,
                supplier.windowSize(), supplier.segmentIntervalMs(), supplier.retainDuplicates());
    }
}
