package dev.rill.streams.processor.api;

/** The context of a {@link FixedKeyProcessor}: forwards records keeping their key. */
public interface FixedKeyProcessorContext<KForward, VForward> extends ProcessingContext {
    /** Forwards a record to every child. */
    <V extends VForward> void forward(FixedKeyRecord<KForward, V> record);

    /** Forwards a record to one named child. */
    <V extends VForward> void forward(FixedKeyRecord<KForward, V> record, String childName);
}
