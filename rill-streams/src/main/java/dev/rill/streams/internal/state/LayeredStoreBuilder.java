package dev.rill.streams.internal.state;

import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.StoreBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;

/**
 * The part of building a store that every store kind shares: the caching and logging switches, and stacking the
 * shared byte layers (change logging, then the write cache) over a byte store. A store kind supplies its byte store
 * (plain, or segmented for window and session stores) and its typed facade over the stack.
 *
 * @param <T> the typed store built
 */
public abstract class LayeredStoreBuilder<T extends StateStore> implements StoreBuilder<T> {
    private final String name;
    private boolean caching;
    private boolean logging = true;
    private Map<String, String> logConfig = new HashMap<>();

    protected LayeredStoreBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The byte layers over one byte store: the top of the stack, and the write cache in it (null if none). */
    public record Layers(KeyValueStore<Bytes, byte[]> top, CachingKeyValueBytesStore cache) {
    }

    /** Stacks change logging (if enabled) and the write cache (if enabled) over {@code bytes}. */
    protected final Layers layer(KeyValueStore<Bytes, byte[]> bytes) {
        return layer(bytes, true);
    }

    /** As {@link #layer(KeyValueStore)}, with no write cache when {@code cachingAllowed} is false. */
    protected final Layers layer(KeyValueStore<Bytes, byte[]> bytes, boolean cachingAllowed) {
        KeyValueStore<Bytes, byte[]> store = Objects.requireNonNull(bytes, "bytes");
        if (logging) {
            store = new ChangeLoggingKeyValueBytesStore(store);
        }
        CachingKeyValueBytesStore cache = null;
        if (caching && cachingAllowed) {
            cache = new CachingKeyValueBytesStore(store);
            store = cache;
        }
        return new Layers(store, cache);
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        caching = true;
        return this;
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        caching = false;
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        logging = true;
        logConfig = new HashMap<>(Objects.requireNonNull(config, "config"));
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        logging = false;
        logConfig = new HashMap<>();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.copyOf(logConfig);
    }

    @Override
    public boolean loggingEnabled() {
        return logging;
    }

    @Override
    public String name() {
        return name;
    }

    public boolean cachingEnabled() {
        return caching;
    }
}
