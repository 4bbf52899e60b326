package dev.rill.streams.internal.topology;

import dev.rill.streams.processor.TimestampExtractor;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.state.StoreBuilder;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A global store: filled from every partition of its source topic on every instance, with no changelog of its own.
 * Without a processor (a GlobalKTable) each record is put into the store as it is; with one (Topology.addGlobalStore)
 * the processor receives each record and updates the store itself.
 */
public record GlobalStoreSpec(String topic, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                              StoreBuilder<?> storeBuilder, ProcessorSupplier<?, ?, Void, Void> processor,
                              TimestampExtractor timestampExtractor) {
    public GlobalStoreSpec(String topic, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                           StoreBuilder<?> storeBuilder) {
        this(topic, keyDeserializer, valueDeserializer, storeBuilder, null, null);
    }
}
