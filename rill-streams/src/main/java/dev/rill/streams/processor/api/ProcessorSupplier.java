package dev.rill.streams.processor.api;

import java.util.function.Supplier;

/** Creates a new {@link Processor} instance per task; {@link #get()} must return a new object each time. */
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut> extends Supplier<Processor<KIn, VIn, KOut, VOut>> {
    @Override
    Processor<KIn, VIn, KOut, VOut> get();
}
