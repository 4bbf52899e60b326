package dev.rill.streams.processor;

/**
 * A named piece of local state owned by a task. This version ships no store implementations; the interface exists
 * so that {@code ProcessorContext#getStateStore} and the task model already have their final shape.
 */
public interface StateStore {
    /** The store's name, unique within a topology. */
    String name();

    /** Flushes buffered writes (called before every commit). */
    void flush();

    /** Closes the store. */
    void close();

    /** Whether the store survives restarts on local disk. */
    boolean persistent();

    /** Whether the store is open. */
    boolean isOpen();
}
