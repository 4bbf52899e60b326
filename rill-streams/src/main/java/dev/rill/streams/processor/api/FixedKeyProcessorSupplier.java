package dev.rill.streams.processor.api;

import java.util.function.Supplier;

/** Creates a new {@link FixedKeyProcessor} instance per task; {@link #get()} must return a new object each time. */
@FunctionalInterface
public interface FixedKeyProcessorSupplier<KIn, VIn, VOut> extends Supplier<FixedKeyProcessor<KIn, VIn, VOut>> {
    @Override
    FixedKeyProcessor<KIn, VIn, VOut> get();
}
