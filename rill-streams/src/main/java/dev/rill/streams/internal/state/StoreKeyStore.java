package dev.rill.streams.internal.state;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A window or session byte store that keeps its entries in a key-value byte store of binary store keys
 * ({@link TimeKeySchema}); the builders stack the shared change-logging and caching layers over that store, so the
 * changelog holds Kafka Streams' store keys.
 */
public interface StoreKeyStore {
    /** The byte store of store keys under this window or session store. */
    KeyValueStore<Bytes, byte[]> storeKeyStore();

    /**
     * The store-key byte store of a window supplier's store: Rill's own segmented store, or a view of a user's own
     * window byte store ({@link WindowStoreKeyView}).
     *
     * @throws StreamsException if the supplier gave no window store
     */
    @SuppressWarnings("unchecked")
    static KeyValueStore<Bytes, byte[]> ofWindows(Object bytesStore, String storeName) {
        if (bytesStore instanceof StoreKeyStore s) {
            return s.storeKeyStore();
        }
        if (bytesStore instanceof WindowStore<?, ?> w) {
            return new WindowStoreKeyView((WindowStore<Bytes, byte[]>) w);
        }
        throw new StreamsException("The window byte store supplier of store " + storeName + " returned "
                + (bytesStore == null ? "null" : bytesStore.getClass().getName()) + ", expected a WindowStore<Bytes, "
                + "byte[]>. Return one from get(), or use a supplier from Stores (persistentWindowStore / "
                + "inMemoryWindowStore).");
    }

    /**
     * The store-key byte store of a session supplier's store: Rill's own segmented store, or a view of a user's own
     * session byte store ({@link SessionStoreKeyView}).
     *
     * @throws StreamsException if the supplier gave no session store
     */
    @SuppressWarnings("unchecked")
    static KeyValueStore<Bytes, byte[]> ofSessions(Object bytesStore, String storeName) {
        if (bytesStore instanceof StoreKeyStore s) {
            return s.storeKeyStore();
        }
        if (bytesStore instanceof SessionStore<?, ?> sessions) {
            return new SessionStoreKeyView((SessionStore<Bytes, byte[]>) sessions);
        }
        throw new StreamsException("The session byte store supplier of store " + storeName + " returned "
                + (bytesStore == null ? "null" : bytesStore.getClass().getName()) + ", expected a SessionStore<Bytes, "
                + "byte[]>. Return one from get(), or use a supplier from Stores (persistentSessionStore / "
                + "inMemorySessionStore).");
    }
}
