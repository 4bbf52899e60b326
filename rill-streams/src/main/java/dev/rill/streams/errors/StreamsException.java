package dev.rill.streams.errors;

/** Any failure raised by Rill Streams. */
public class StreamsException extends RuntimeException {
    public StreamsException(String message) {
        super(message);
    }

    public StreamsException(String message, Throwable cause) {
        super(message, cause);
    }
}
