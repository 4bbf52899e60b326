package dev.rill.streams.state;

import dev.rill.streams.processor.StateStore;
import java.util.List;
import java.util.function.Supplier;

/** A kind of store that interactive queries can return; get one from {@link QueryableStoreTypes}. */
public interface QueryableStoreType<T> {
    /** Whether the store is of this kind. */
    boolean accepts(StateStore store);

    /**
     * One read-only view over the instance's local instances of a store (one per task). The view asks
     * {@code stores} on every call, so it follows tasks as they move between instances; {@code stores} throws
     * {@link dev.rill.streams.errors.InvalidStateStoreException} when no instance of the store is available here.
     */
    T create(Supplier<List<StateStore>> stores);
}
