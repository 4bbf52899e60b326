package dev.rill.streams.processor.api;

/** A processor that may change values, timestamps and headers but never the key, so no repartition is needed after it. */
public interface FixedKeyProcessor<KIn, VIn, VOut> {
    /** Called once when the task starts, before any record. */
    default void init(FixedKeyProcessorContext<KIn, VOut> context) {
    }

    /** Processes one record. */
    void process(FixedKeyRecord<KIn, VIn> record);

    /** Called once when the task closes. */
    default void close() {
    }
}
