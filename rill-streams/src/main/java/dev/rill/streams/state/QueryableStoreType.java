package dev.rill.streams.state;

import dev.rill.streams.processor.StateStore;
import java.util.List;

/** A kind of store that interactive queries can return; get one from {@link QueryableStoreTypes}. */
public interface QueryableStoreType<T> {
    /** Whether the store is of this kind. */
    boolean accepts(StateStore store);

    /** One read-only view over the instance's local instances of a store (one per task). */
    T create(List<StateStore> stores);
}
