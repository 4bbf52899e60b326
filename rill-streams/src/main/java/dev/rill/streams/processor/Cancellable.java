package dev.rill.streams.processor;

/** A handle to cancel a scheduled punctuation. */
@FunctionalInterface
public interface Cancellable {
    /** Cancels the punctuation; it does not fire again. */
    void cancel();
}
