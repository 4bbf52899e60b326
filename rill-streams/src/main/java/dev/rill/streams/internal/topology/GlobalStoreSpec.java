package dev.rill.streams.internal.topology;

import dev.rill.streams.state.StoreBuilder;
import org.apache.kafka.common.serialization.Deserializer;

/** A global store: filled from every partition of its source topic on every instance, with no changelog of its own. */
public record GlobalStoreSpec(String topic, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                              StoreBuilder<?> storeBuilder) {
}
