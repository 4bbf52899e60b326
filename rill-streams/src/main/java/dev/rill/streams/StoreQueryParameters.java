package dev.rill.streams;

import dev.rill.streams.state.QueryableStoreType;
import java.util.Objects;

/**
 * Which store {@link RillStreams#store(StoreQueryParameters)} returns.
 *
 * <pre>{@code
 * ReadOnlyKeyValueStore<String, Long> counts = streams.store(
 *         StoreQueryParameters.fromNameAndType("payment-counts", QueryableStoreTypes.keyValueStore()));
 * }</pre>
 */
public final class StoreQueryParameters<T> {
    private final String storeName;
    private final QueryableStoreType<T> queryableStoreType;

    private StoreQueryParameters(String storeName, QueryableStoreType<T> type) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.queryableStoreType = Objects.requireNonNull(type, "queryableStoreType");
    }

    public static <T> StoreQueryParameters<T> fromNameAndType(String storeName, QueryableStoreType<T> type) {
        return new StoreQueryParameters<>(storeName, type);
    }

    public String storeName() {
        return storeName;
    }

    public QueryableStoreType<T> queryableStoreType() {
        return queryableStoreType;
    }
}
