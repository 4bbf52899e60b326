package dev.rill.streams.errors;

/** A topology that cannot be built or run as written; the message says what to change. */
public class TopologyException extends StreamsException {
    public TopologyException(String message) {
        super("Invalid topology: " + message);
    }
}
