package dev.rill.streams.processor;

import dev.rill.streams.state.StoreBuilder;
import java.util.Set;

/**
 * Lets a supplier name the state stores its instances use, as builders. Kafka Streams' API has
 * {@link dev.rill.streams.kstream.ValueTransformerWithKeySupplier} extend it; like Kafka Streams 4.3.1,
 * {@code KTable.transformValues} does not add these stores itself (add them and pass their names).
 */
public interface ConnectedStoreProvider {
    /** The builders of the stores the supplier's instances use; null (the default) for none. */
    default Set<StoreBuilder<?>> stores() {
        return null;
    }
}
