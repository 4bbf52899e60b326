package dev.rill.streams.state;

import java.util.Map;
import org.apache.kafka.common.Configurable;

/**
 * Chooses the byte stores of DSL operators whose {@code Materialized} names no supplier of its own: give one with
 * {@code Materialized.as(DslStoreSuppliers)} or {@code Materialized.withStoreType(DslStoreSuppliers)}.
 *
 * <pre>{@code
 * stream.groupByKey().count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
 *         .withStoreType(BuiltInDslStoreSuppliers.IN_MEMORY));
 * }</pre>
 */
public interface DslStoreSuppliers extends Configurable {
    /** Takes the application configuration; nothing by default. */
    @Override
    default void configure(Map<String, ?> configs) {
    }

    /** The store of a table or of a non-windowed aggregation. */
    KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params);

    /** The store of a time or sliding window aggregation. */
    WindowBytesStoreSupplier windowStore(DslWindowParams params);

    /** The store of a session window aggregation. */
    SessionBytesStoreSupplier sessionStore(DslSessionParams params);
}
