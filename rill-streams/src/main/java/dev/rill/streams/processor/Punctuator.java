package dev.rill.streams.processor;

/** A callback run periodically on stream time or wall-clock time, see {@link PunctuationType}. */
@FunctionalInterface
public interface Punctuator {
    /**
     * Runs the punctuation.
     *
     * @param timestamp the stream time or wall-clock time (ms) at which the punctuation fires
     */
    void punctuate(long timestamp);
}
