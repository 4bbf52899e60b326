package dev.rill.streams.internal.state;

import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.SessionBytesStoreSupplier;
import dev.rill.streams.state.SessionStore;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** Builds a session store: the typed session facade over the shared byte layers over the supplier's byte store. */
public final class SessionStoreBuilderImpl<K, V> extends LayeredStoreBuilder<SessionStore<K, V>>
        implements WindowedChangelog {
    private final SessionBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public SessionStoreBuilderImpl(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier cannot be null").name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public long retentionPeriod() {
        return supplier.retentionPeriod();
    }

    @Override
    public SessionStore<K, V> build() {
        KeyValueStore<Bytes, byte[]> storeKeys = StoreKeyStore.ofSessions(supplier.get(), name());
        Layers layers = layer(storeKeys);
        return new MeteredSessionStore<>(layers.top(), layers.cache(), keySerde, valueSerde,
                supplier.segmentIntervalMs());
    }
}
