package dev.rill.streams.internal.kstream;

import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;

/** Base of the DSL's stateless processors: keeps the context. */
abstract class DslProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    ProcessorContext<KOut, VOut> context;

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
    }
}
