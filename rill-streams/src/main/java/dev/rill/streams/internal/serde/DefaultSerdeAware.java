package dev.rill.streams.internal.serde;

import org.apache.kafka.common.serialization.Serde;

/** A DSL-internal (de)serializer wrapping a serde that may be the configured default; told the defaults at init. */
public interface DefaultSerdeAware {
    void useDefaultValueSerde(Serde<?> defaultValueSerde);
}
