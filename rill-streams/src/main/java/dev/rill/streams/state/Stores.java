package dev.rill.streams.state;

import dev.rill.streams.internal.state.InMemoryKeyValueBytesStore;
import dev.rill.streams.internal.state.KeyValueStoreBuilderImpl;
import dev.rill.streams.internal.state.LruKeyValueBytesStore;
import dev.rill.streams.internal.state.RocksDbKeyValueBytesStore;
import dev.rill.streams.internal.state.SessionStoreBuilderImpl;
import dev.rill.streams.internal.state.SessionSupplier;
import dev.rill.streams.internal.state.WindowStoreBuilderImpl;
import dev.rill.streams.internal.state.WindowSupplier;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * Factory of store suppliers and builders for the Processor API.
 *
 * <pre>{@code
 * topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("counts"),
 *         Serdes.String(), Serdes.Long()), "counter");
 * }</pre>
 */
public final class Stores {
    /** Only static factories; the constructor is public as in Kafka Streams, for code that instantiates it. */
    public Stores() {
    }

    /** A RocksDB byte store. */
    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return supplier(name, "rocksdb", true);
    }

    /** A RocksDB byte store for timestamped stores (the same layout in Rill). */
    public static KeyValueBytesStoreSupplier persistentTimestampedKeyValueStore(String name) {
        return supplier(name, "rocksdb", true);
    }

    /** An in-memory byte store (restored from the changelog on every start). */
    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        return supplier(name, "in-memory", false);
    }

    /**
     * An in-memory byte store that keeps at most {@code maxCacheSize} keys, removing the least recently used one to
     * make room; with logging on, each removal is logged as a delete.
     */
    public static KeyValueBytesStoreSupplier lruMap(String name, int maxCacheSize) {
        checkName(name);
        if (maxCacheSize < 0) {
            throw new IllegalArgumentException("maxCacheSize cannot be negative but was " + maxCacheSize);
        }
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new LruKeyValueBytesStore(name, Math.max(1, maxCacheSize));
            }

            @Override
            public String metricsScope() {
                return "in-memory-lru";
            }
        };
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A store name must not be blank but was '" + name + "'");
        }
    }

    private static KeyValueBytesStoreSupplier supplier(String name, String scope, boolean rocks) {
        checkName(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return rocks ? new RocksDbKeyValueBytesStore(name) : new InMemoryKeyValueBytesStore(name);
            }

            @Override
            public String metricsScope() {
                return scope;
            }
        };
    }

    /** A builder of a typed key-value store over the supplier; null serdes mean the configured defaults. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(KeyValueBytesStoreSupplier supplier,
                                                                                Serde<K> keySerde, Serde<V> valueSerde) {
        return new KeyValueStoreBuilderImpl<>(supplier, keySerde, valueSerde, false);
    }

    /** A builder of a store that keeps each value's timestamp. */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValueStoreBuilder(
            KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new KeyValueStoreBuilderImpl<>(supplier, keySerde, valueSerde, true);
    }

    // ---- window and session stores

    /** Kafka Streams' default segment interval of a persistent store: half the retention, at least a minute. */
    private static long defaultSegmentInterval(long retentionMs) {
        return Math.max(retentionMs / 2, 60_000L);
    }

    /**
     * A segmented RocksDB window byte store keeping windows for {@code retentionPeriod}; with
     * {@code retainDuplicates} every put is kept (stream-stream join buffers), otherwise a put replaces the key's
     * window.
     *
     * @throws IllegalArgumentException if a duration is null, negative or too large, or the window is larger than the
     *                                  retention
     */
    public static WindowBytesStoreSupplier persistentWindowStore(String name, Duration retentionPeriod,
                                                                 Duration windowSize, boolean retainDuplicates)
            throws IllegalArgumentException {
        return windowSupplier(name, retentionPeriod, windowSize, retainDuplicates, true);
    }

    /** As {@link #persistentWindowStore}, for timestamped window stores (the same layout in Rill). */
    public static WindowBytesStoreSupplier persistentTimestampedWindowStore(String name, Duration retentionPeriod,
                                                                            Duration windowSize,
                                                                            boolean retainDuplicates)
            throws IllegalArgumentException {
        return windowSupplier(name, retentionPeriod, windowSize, retainDuplicates, true);
    }

    /** An in-memory window byte store (restored from the changelog on every start); see {@link #persistentWindowStore}. */
    public static WindowBytesStoreSupplier inMemoryWindowStore(String name, Duration retentionPeriod,
                                                               Duration windowSize, boolean retainDuplicates)
            throws IllegalArgumentException {
        return windowSupplier(name, retentionPeriod, windowSize, retainDuplicates, false);
    }

    private static WindowBytesStoreSupplier windowSupplier(String name, Duration retentionPeriod, Duration windowSize,
                                                           boolean retainDuplicates, boolean persistent) {
        Objects.requireNonNull(name, "name cannot be null");
        long retentionMs = TimeArguments.millis(retentionPeriod, "retentionPeriod");
        long windowSizeMs = TimeArguments.millis(windowSize, "windowSize");
        if (retentionMs < 0L) {
            throw new IllegalArgumentException("retentionPeriod cannot be negative");
        }
        if (windowSizeMs < 0L) {
            throw new IllegalArgumentException("windowSize cannot be negative");
        }
        if (windowSizeMs > retentionMs) {
            throw new IllegalArgumentException("The retention period of the window store " + name
                    + " must be no smaller than its window size. Got size=[" + windowSize + "], retention=["
                    + retentionPeriod + "]");
        }
        long segmentInterval = persistent ? defaultSegmentInterval(retentionMs) : 1L;
        return new WindowSupplier(name, retentionMs, windowSizeMs, segmentInterval, retainDuplicates, persistent);
    }

    /**
     * A segmented RocksDB session byte store keeping sessions for {@code retentionPeriod} after their end.
     *
     * @throws IllegalArgumentException if the duration is null, negative or too large
     */
    public static SessionBytesStoreSupplier persistentSessionStore(String name, Duration retentionPeriod) {
        return sessionSupplier(name, retentionPeriod, true);
    }

    /** An in-memory session byte store (restored from the changelog on every start). */
    public static SessionBytesStoreSupplier inMemorySessionStore(String name, Duration retentionPeriod) {
        return sessionSupplier(name, retentionPeriod, false);
    }

    private static SessionBytesStoreSupplier sessionSupplier(String name, Duration retentionPeriod,
                                                             boolean persistent) {
        Objects.requireNonNull(name, "name cannot be null");
        long retentionMs = TimeArguments.millis(retentionPeriod, "retentionPeriod");
        if (retentionMs < 0L) {
            throw new IllegalArgumentException("retentionPeriod cannot be negative");
        }
        long segmentInterval = persistent ? defaultSegmentInterval(retentionMs) : 1L;
        return new SessionSupplier(name, retentionMs, segmentInterval, persistent);
    }

    /** A builder of a typed window store over the supplier; null serdes mean the configured defaults. */
    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(WindowBytesStoreSupplier supplier,
                                                                            Serde<K> keySerde, Serde<V> valueSerde) {
        return new WindowStoreBuilderImpl<>(supplier, keySerde, valueSerde, false);
    }

    /** A builder of a window store that keeps each value's timestamp (the windowed DSL's stores). */
    public static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> timestampedWindowStoreBuilder(
            WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new WindowStoreBuilderImpl<>(supplier, keySerde, valueSerde, true);
    }

    /** A builder of a typed session store over the supplier; null serdes mean the configured defaults. */
    public static <K, V> StoreBuilder<SessionStore<K, V>> sessionStoreBuilder(SessionBytesStoreSupplier supplier,
                                                                              Serde<K> keySerde,
                                                                              Serde<V> valueSerde) {
        return new SessionStoreBuilderImpl<>(supplier, keySerde, valueSerde);
    }
}
