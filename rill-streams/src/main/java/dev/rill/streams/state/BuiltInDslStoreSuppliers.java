package dev.rill.streams.state;

/** The two store kinds Rill ships, as {@link DslStoreSuppliers}: RocksDB (the default) and in-memory. */
public class BuiltInDslStoreSuppliers {
    /** RocksDB stores, what DSL operators use when told nothing. */
    public static final DslStoreSuppliers ROCKS_DB = new RocksDBDslStoreSuppliers();
    /** In-memory stores (rebuilt from their changelogs after a restart). */
    public static final DslStoreSuppliers IN_MEMORY = new InMemoryDslStoreSuppliers();

    /** RocksDB key-value, window and session stores. */
    public static class RocksDBDslStoreSuppliers implements DslStoreSuppliers {
        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            return params.isTimestamped() ? Stores.persistentTimestampedKeyValueStore(params.name())
                    : Stores.persistentKeyValueStore(params.name());
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            return params.isTimestamped()
                    ? Stores.persistentTimestampedWindowStore(params.name(), params.retentionPeriod(),
                    params.windowSize(), params.retainDuplicates())
                    : Stores.persistentWindowStore(params.name(), params.retentionPeriod(), params.windowSize(),
                    params.retainDuplicates());
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            return Stores.persistentSessionStore(params.name(), params.retentionPeriod());
        }
    }

    /** In-memory key-value, window and session stores. */
    public static class InMemoryDslStoreSuppliers implements DslStoreSuppliers {
        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            return Stores.inMemoryKeyValueStore(params.name());
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            return Stores.inMemoryWindowStore(params.name(), params.retentionPeriod(), params.windowSize(),
                    params.retainDuplicates());
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            return Stores.inMemorySessionStore(params.name(), params.retentionPeriod());
        }
    }
}
