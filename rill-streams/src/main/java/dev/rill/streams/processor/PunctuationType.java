package dev.rill.streams.processor;

/** The time base of a scheduled {@link Punctuator}. */
public enum PunctuationType {
    /** Advances only with the timestamps of processed records (the task's stream time). */
    STREAM_TIME,
    /** Advances with the system clock, checked by the stream thread between records. */
    WALL_CLOCK_TIME
}
