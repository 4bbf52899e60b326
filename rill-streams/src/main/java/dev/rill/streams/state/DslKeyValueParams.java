package dev.rill.streams.state;

import java.util.Objects;

/**
 * What a DSL operator asks of a key-value store from {@link DslStoreSuppliers#keyValueStore}.
 *
 * @param name          the store's name
 * @param isTimestamped whether the operator keeps a timestamp with each value
 */
public record DslKeyValueParams(String name, boolean isTimestamped) {
    public DslKeyValueParams {
        Objects.requireNonNull(name, "name");
    }
}
