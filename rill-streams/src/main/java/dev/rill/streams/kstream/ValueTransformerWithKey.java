package dev.rill.streams.kstream;

import dev.rill.streams.processor.ProcessorContext;

/**
 * Turns a value into a new value, seeing the read-only key, with access to state stores and punctuation through
 * the {@link ProcessorContext} given to {@link #init}. Used by {@link KTable#transformValues}; one instance per
 * task, made by a {@link ValueTransformerWithKeySupplier}.
 *
 * @param <K>  key type
 * @param <V>  input value type
 * @param <VR> result value type
 */
public interface ValueTransformerWithKey<K, V, VR> {
    /**
     * Called once before the first {@link #transform}: keep the context, fetch stores, schedule punctuations. The
     * context's {@code forward} methods throw: a transformer's only output is what {@link #transform} returns.
     */
    void init(ProcessorContext context);

    /**
     * The new value for {@code value} (which may be null: a table's deletion is passed in as a null value). Must
     * not change the key.
     */
    VR transform(K readOnlyKey, V value);

    /** Called once when the task closes; the context's stores must not be closed here. */
    void close();
}
