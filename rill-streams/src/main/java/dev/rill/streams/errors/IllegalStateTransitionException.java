package dev.rill.streams.errors;

/** A lifecycle was asked to move between two states that have no allowed transition. */
public class IllegalStateTransitionException extends StreamsException {
    public IllegalStateTransitionException(String what, Object from, Object to) {
        super(what + " cannot move from state " + from + " to state " + to);
    }
}
