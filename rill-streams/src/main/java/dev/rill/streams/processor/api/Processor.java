package dev.rill.streams.processor.api;

/**
 * A node of a topology that receives records and forwards any number of records (with any key) to its children.
 *
 * <pre>{@code
 * class Upper implements Processor<String, String, String, String> {
 *     private ProcessorContext<String, String> context;
 *     public void init(ProcessorContext<String, String> context) { this.context = context; }
 *     public void process(Record<String, String> r) { context.forward(r.withValue(r.value().toUpperCase())); }
 * }
 * }</pre>
 */
public interface Processor<KIn, VIn, KOut, VOut> {
    /** Called once when the task starts, before any record. */
    default void init(ProcessorContext<KOut, VOut> context) {
    }

    /** Processes one record. */
    void process(Record<KIn, VIn> record);

    /** Called once when the task closes. */
    default void close() {
    }
}
