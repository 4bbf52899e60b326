package dev.rill.streams.errors;

/** The requested store cannot be queried (unknown name, wrong type, or the instance is not running). */
public class InvalidStateStoreException extends StreamsException {
    public InvalidStateStoreException(String message) {
        super(message);
    }
}
