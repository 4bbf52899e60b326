package dev.rill.streams.processor;

/**
 * A named piece of local state owned by a task. Stores are created per task from a
 * {@link dev.rill.streams.state.StoreBuilder} and opened by the task with {@link #init}.
 */
public interface StateStore {
    /** The store's name, unique within a topology. */
    String name();

    /**
     * Opens the store for one task. Stores built by {@code Stores} register themselves with the context so that the
     * task restores them from their changelog before processing.
     *
     * @param context the task's view for stores
     * @param root    the outermost store (the one processors see)
     */
    default void init(StateStoreContext context, StateStore root) {
    }

    /** Flushes buffered writes (called before every commit). */
    void flush();

    /** Closes the store. */
    void close();

    /** Whether the store survives restarts on local disk. */
    boolean persistent();

    /** Whether the store is open. */
    boolean isOpen();
}
