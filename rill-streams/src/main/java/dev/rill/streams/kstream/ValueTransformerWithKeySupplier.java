package dev.rill.streams.kstream;

import dev.rill.streams.processor.ConnectedStoreProvider;
import java.util.function.Supplier;

/**
 * Makes the {@link ValueTransformerWithKey} of each task. {@link #get()} must return a new instance every call.
 * As in Kafka Streams 4.3.1, {@code KTable.transformValues} does not add the stores {@link #stores()} returns: add
 * them with {@code StreamsBuilder.addStateStore} and pass their names.
 */
@FunctionalInterface
public interface ValueTransformerWithKeySupplier<K, V, VR>
        extends ConnectedStoreProvider, Supplier<ValueTransformerWithKey<K, V, VR>> {
    @Override
    ValueTransformerWithKey<K, V, VR> get();
}
