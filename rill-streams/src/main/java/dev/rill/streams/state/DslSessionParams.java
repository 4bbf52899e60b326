package dev.rill.streams.state;

import dev.rill.streams.kstream.EmitStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * What a DSL operator asks of a session store from {@link DslStoreSuppliers#sessionStore}.
 *
 * @param name            the store's name
 * @param retentionPeriod how long sessions are kept
 * @param emitStrategy    when the operator emits its results
 */
public record DslSessionParams(String name, Duration retentionPeriod, EmitStrategy emitStrategy) {
    public DslSessionParams {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retentionPeriod, "retentionPeriod");
    }
}
