package dev.rill.streams.internal.topology;

import dev.rill.streams.processor.api.FixedKeyProcessorSupplier;
import dev.rill.streams.processor.api.ProcessorSupplier;
import java.util.List;

/** A processor node: exactly one of the two supplier kinds, plus the names of the state stores it uses. */
public final class ProcessorSpec extends NodeSpec {
    private final ProcessorSupplier<?, ?, ?, ?> supplier;
    private final FixedKeyProcessorSupplier<?, ?, ?> fixedKeySupplier;
    private final List<String> stores;

    public ProcessorSpec(String name, List<String> parents, ProcessorSupplier<?, ?, ?, ?> supplier,
                         FixedKeyProcessorSupplier<?, ?, ?> fixedKeySupplier, List<String> stores) {
        super(name, parents);
        this.supplier = supplier;
        this.fixedKeySupplier = fixedKeySupplier;
        this.stores = List.copyOf(stores);
    }

    public ProcessorSupplier<?, ?, ?, ?> supplier() {
        return supplier;
    }

    public FixedKeyProcessorSupplier<?, ?, ?> fixedKeySupplier() {
        return fixedKeySupplier;
    }

    public List<String> stores() {
        return stores;
    }
}
