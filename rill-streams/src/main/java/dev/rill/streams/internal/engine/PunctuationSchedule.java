package dev.rill.streams.internal.engine;

import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.Punctuator;

/** One scheduled punctuation; its next due time only moves forward, skipping missed intervals. */
final class PunctuationSchedule implements Cancellable {
    final Node node;
    final long interval;
    final Punctuator punctuator;
    long next;
    boolean cancelled;

    PunctuationSchedule(Node node, long firstDue, long interval, Punctuator punctuator) {
        this.node = node;
        this.next = firstDue;
        this.interval = interval;
        this.punctuator = punctuator;
    }

    /** Moves to the first due time after {@code now} on this schedule's grid. */
    void advancePast(long now) {
        long candidate = next + interval;
        if (now >= candidate) {
            candidate = next + ((now - next) / interval + 1) * interval;
        }
        next = candidate;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
