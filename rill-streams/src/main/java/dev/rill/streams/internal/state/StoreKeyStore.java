package dev.rill.streams.internal.state;

import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.state.KeyValueStore;
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
     * The store-key byte store of a supplier's store.
     *
     * @throws StreamsException if the store is not one of Rill's (a user's own byte store implementation)
     */
    static KeyValueStore<Bytes, byte[]> of(Object bytesStore, String storeName, String kind) {
        if (bytesStore instanceof StoreKeyStore s) {
            return s.storeKeyStore();
        }
        throw new StreamsException("The " + kind + " byte store supplier of store " + storeName + " returned "
                + (bytesStore == null ? "null" : bytesStore.getClass().getName()) + ", which Rill cannot layer its "
                + "caching and changelog over. Use a supplier from Stores (persistent" + kind + "Store / inMemory"
                + kind + "Store).");
    }
}
