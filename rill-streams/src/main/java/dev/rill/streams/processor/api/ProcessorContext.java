package dev.rill.streams.processor.api;

/** The context of a {@link Processor}: forwards records with any key to all children or to one named child. */
public interface ProcessorContext<KForward, VForward> extends ProcessingContext {
    /** Forwards a record to every child, in the order the children were added. */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record);

    /**
     * Forwards a record to one child.
     *
     * @throws dev.rill.streams.errors.StreamsException if the node has no child of that name
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName);
}
